//! The grammar of a sentence: its words (the treebank's, clitics split) tagged, lemmatised and
//! parsed by [`casefile_syntax`], each word keeping its byte range in the document text.

use std::cell::Cell;

use casefile_model::Modality;
use casefile_syntax::tagger::VERBS_OF_ASKING;
use casefile_syntax::{Analyzer, Word};

use crate::text;

/// Nouns for people that are no role ("man", "woman", "son"): with the role nouns of
/// [`crate::attributes::ROLES`], the nouns that name a person.
pub const PEOPLE: &[&str] = &[
    "man",
    "woman",
    "person",
    "people",
    "boy",
    "girl",
    "youth",
    "son",
    "daughter",
    "child",
    "nephew",
    "niece",
    "cousin",
    "uncle",
    "aunt",
    "relative",
    "colleague",
];

/// Lemmas of the verbs that report what someone said or wrote.
pub const SPEECH_VERBS: &[&str] = &[
    "say",
    "tell",
    "report",
    "reveal",
    "add",
    "tweet",
    "write",
    "state",
    "explain",
    "argue",
    "claim",
    "insist",
    "note",
    "warn",
    "declare",
    "announce",
    "quote",
    "ask",
    "reply",
    "respond",
    "comment",
    "describe",
    "dismiss",
    "deny",
    "call",
    "recall",
    "stress",
    "emphasize",
    "emphasise",
    "admit",
    "acknowledge",
    "confirm",
    "complain",
    "allege",
    "testify",
    "urge",
    "conclude",
    "remark",
    "observe",
    "suggest",
    "assert",
    "exclaim",
    "shout",
    "scream",
    "whisper",
    "plead",
    "implore",
    "demand",
    "accuse",
    "threaten",
    "promise",
    "vow",
    "pledge",
    "predict",
    "maintain",
    "mention",
    "recount",
    "repeat",
    "cite",
    "speak",
    "concede",
    "reiterate",
    "lament",
    "condemn",
    "denounce",
    "decry",
    "post",
    "contend",
];

/// Lemmas of the verbs that only say an act named by their object was done: "imposed
/// sanctions", "filed an appeal", "issued a statement".
const DOING: &[&str] = &[
    "announce", "carry", "conduct", "deliver", "file", "impose", "issue", "launch", "lodge",
    "make", "open", "publish", "release", "send", "submit", "win",
];

/// Units of a length of time ("for three years", "for months"): what lasts them lasts a span
/// of its own ([`Tree::lasts_a_while`], and with "time", "while", [`Tree::lasting`]).
const LENGTHS: &[&str] = &["hour", "day", "week", "month", "year", "decade"];

/// Modal auxiliaries of what might be or is still to come ("could face", "will be charged"):
/// [`Tree::modality`] reads what they govern as hypothetical.
const STILL_TO_COME: &[&str] = &["could", "would", "might", "may", "will", "shall", "'ll"];

/// Verbs of halting what is to be done: what they act on was not done ([`Tree::governed`]).
const HALTING: &[&str] = &[
    "halt", "suspend", "stop", "postpone", "stay", "cancel", "avert",
];

/// Verbs that tell what someone claims ([`Tree::said_after`]; with "add" and "write",
/// [`Tree::in_reported_speech`]).
const SAYING: &[&str] = &[
    "say", "tell", "claim", "allege", "state", "insist", "testify",
];

/// Adverbs that put what a clause tells later than what was told before it, by a span they do
/// not give ([`Tree::told_later`], [`Tree::main_verb_told_later`]).
const LATER: &[&str] = &[
    "subsequently",
    "afterwards",
    "afterward",
    "later",
    "eventually",
];

/// Verbs that undo a step taken before them ("dropped the charges", "overturned the
/// conviction"): their time is not the step's ([`Tree::undone`]).
const UNDOING: &[&str] = &[
    "drop", "withdraw", "lift", "quash", "overturn", "annul", "revoke", "dismiss", "reverse",
    "commute",
];

/// Steps of a proceeding someone may be taken or held "for" ([`Tree::governed`]).
const PROCEEDING_STEPS: &[&str] = &["questioning", "interrogation", "trial", "investigation"];

/// Lemmas of the words that charge someone with an act ("charged with murder", "accused of
/// torturing", "charges of", "suspected of", "indicted for"): the act is the charge's claim.
/// Words for keeping someone from a harm ("protected from torture", "protection from
/// reprisals"): what they are kept from is a danger, not a deed.
const SHIELDING: &[&str] = &[
    "protect",
    "protection",
    "shield",
    "safeguard",
    "shelter",
    "guard",
    "spare",
    "safe",
];

const CHARGING: &[&str] = &[
    "charge",
    "accuse",
    "suspect",
    "indict",
    "prosecute",
    "accusation",
];

/// Lemmas of the words that make what follows "to" a thing responded to ("responding to the
/// verdict", "in response to", "reacting to", "in reaction to").
const RESPONSE_WORDS: &[&str] = &["respond", "response", "react", "reaction"];

/// Lemmas of the verbs of a statement that judges what it names ("condemned the verdict",
/// "described the sentence as"): said of a thing already done.
const SPEECH_ACTS: &[&str] = &[
    "condemn",
    "denounce",
    "criticise",
    "criticize",
    "decry",
    "deplore",
    "welcome",
    "describe",
    "call",
];

/// A parsed word and where it stands in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub start: usize,
    pub end: usize,
    pub word: Word,
}

/// A sentence's tree: `words[i].word.head` is 1-based (0 is the root), as in CoNLL-U.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tree {
    pub words: Vec<Parsed>,
}

impl Tree {
    /// The head of word `i` (0-based), if it is not the root.
    pub fn head(&self, i: usize) -> Option<usize> {
        self.words[i].word.head.checked_sub(1)
    }

    /// The dependents of word `i` (0-based), in text order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.words.len()).filter(move |&j| self.words[j].word.head == i + 1)
    }

    /// The relation of word `i` to its head.
    pub fn rel(&self, i: usize) -> &str {
        &self.words[i].word.deprel
    }

    /// The tree as SVG, the words inside any of `marks` (byte ranges) in bold.
    pub fn svg(&self, marks: &[(usize, usize)]) -> String {
        let words: Vec<Word> = self.words.iter().map(|p| p.word.clone()).collect();
        let marked: Vec<usize> = (0..self.words.len())
            .filter(|&i| {
                marks
                    .iter()
                    .any(|&(a, b)| self.words[i].start >= a && self.words[i].end <= b)
            })
            .collect();
        casefile_syntax::svg::draw(&words, &marked)
    }

    /// The word whose range holds byte `at`.
    pub fn word_at(&self, at: usize) -> Option<usize> {
        self.words.iter().position(|w| w.start <= at && at < w.end)
    }
}

/// A reader's name for a relation.
fn relation_name(rel: &str) -> &str {
    match rel {
        "nsubj" => "subject",
        "nsubj:pass" => "passive subject",
        "obj" => "object",
        "iobj" => "indirect object",
        "obl:agent" => "agent",
        "obl" | "obl:unmarked" => "oblique",
        "nmod" | "nmod:unmarked" => "noun modifier",
        "nmod:poss" => "possessor",
        "appos" => "apposition",
        "compound" => "compound",
        "acl" | "acl:relcl" => "clause on a noun",
        "advcl" => "adverbial clause",
        "xcomp" => "open complement",
        "ccomp" => "clausal complement",
        "conj" => "conjunct",
        other => other,
    }
}

impl Tree {
    /// The word of `text[start..end]` that heads it: the one whose head lies outside it.
    pub fn head_of(&self, start: usize, end: usize) -> Option<usize> {
        let inside = |i: usize| self.words[i].start >= start && self.words[i].end <= end;
        (0..self.words.len())
            .filter(|&i| inside(i))
            .find(|&i| self.head(i).is_none_or(|h| !inside(h)))
    }

    fn describe(&self, dep: usize) -> String {
        let rel = self.rel(dep);
        let case: Vec<&str> = self
            .children(dep)
            .filter(|&c| self.rel(c) == "case")
            .map(|c| self.words[c].word.form.as_str())
            .collect();
        let mut out = format!("{} ({rel}", relation_name(rel));
        if !case.is_empty() {
            out.push_str(&format!(", “{}”", case.join(" ")));
        }
        out.push(')');
        out
    }

    /// The name headed by `m`, then what it shares its relation with: what it is a conjunct of
    /// or in apposition to ("Salekh and Ismail", "the journalist Dmitri Varga"), the noun of
    /// the body it names ("the LGBT Network rights group"), the person acting for it ("a judge
    /// from the Shali City Court").
    fn name_chain(&self, m: usize) -> Option<Vec<usize>> {
        let mut chain = vec![m];
        let mut x = m;
        // a name before the noun of what it is ("the LGBT Network rights group") shares that
        // noun's relation, when the noun says it is a body (a group, a committee), not when it
        // says something else of it ("Kremlin critics")
        let body = |h: usize| {
            crate::names::ORG_HEADS.contains(&self.words[h].word.lemma.to_lowercase().as_str())
        };
        // the noun a run of compounds ends in ("LGBT Network rights group": "group")
        let compound_head = |mut y: usize| {
            while self.rel(y) == "compound" {
                y = self.head(y)?;
            }
            Some(y)
        };
        // a body a person acts for ("a judge from the Shali City Court", "a spokesman for the
        // ministry") shares that person's relation: the court sentenced, the ministry said
        let acts_for = |y: usize| {
            let h = self.head(y)?;
            let w = &self.words[h].word;
            let by_case = self.children(y).any(|c| {
                self.rel(c) == "case"
                    && matches!(
                        self.words[c].word.form.to_lowercase().as_str(),
                        "from" | "for" | "of" | "at"
                    )
            });
            (self.rel(y) == "nmod"
                && by_case
                && w.upos == "NOUN"
                && crate::attributes::speaks_for_others(&w.lemma.to_lowercase()))
            .then_some(h)
        };
        while chain.len() < 8 {
            if let Some(n) = self.nearer_conjunct(x) {
                x = n;
            } else if matches!(self.rel(x), "conj" | "appos") {
                x = self.head(x)?;
            } else if let Some(h) = self.remains_of(x) {
                x = h;
            } else if let Some(n) = self.one_of(x) {
                x = n;
            } else if let Some(h) = acts_for(x) {
                x = h;
            } else if let Some(h) = (self.rel(x) == "compound")
                .then(|| compound_head(x))
                .flatten()
                .filter(|&h| body(h))
            {
                x = h;
            } else {
                break;
            }
            chain.push(x);
        }
        Some(chain)
    }

    /// The name a person's name joined by "and" is the conjunct of, when the parse hangs it on
    /// a noun further back past another name inside that noun's phrase ("convicted two men of
    /// the murder of Viktor Hora and his fiancée Eva Malik", the parse joining "Eva Malik" to
    /// "men"): the nearer name, as a reader takes it. None for any other word.
    fn nearer_conjunct(&self, x: usize) -> Option<usize> {
        let h = self.head(x)?;
        if self.rel(x) != "conj" || !(self.words[x].word.upos == "PROPN" || self.names_a_person(x))
        {
            return None;
        }
        (h + 1..x).rev().find(|&p| {
            self.words[p].word.upos == "PROPN"
                && matches!(self.rel(p), "nmod" | "nmod:poss")
                && self.within(p, h)
        })
    }

    /// Whether word `b` is the verb of a clause that completes verb `a` ("acknowledged that he
    /// was killed"; any words between), told as done: in the past or the perfect, with no
    /// modal ("would be killed" is not done).
    pub fn complement_told_as_done(&self, a: usize, b: usize) -> bool {
        let mut x = b;
        for _ in 0..self.words.len() {
            match self.head(x) {
                Some(h) if h == a => break,
                Some(h) => x = h,
                None => return false,
            }
        }
        let past = matches!(self.words[b].word.xpos.as_str(), "VBD" | "VBN");
        let modal = self.children(b).any(|c| self.words[c].word.xpos == "MD");
        let finite = self.words[b].word.xpos == "VBD"
            || self
                .children(b)
                .any(|c| self.rel(c).starts_with("aux") && self.words[c].word.xpos != "TO");
        self.head(x) == Some(a) && self.rel(x) == "ccomp" && past && finite && !modal
    }

    /// Whether word `b` heads a clause or phrase of word `a` that `a` comes after: "after he
    /// was strangled", "following his death".
    pub fn after_clause(&self, a: usize, b: usize) -> bool {
        self.head(b) == Some(a)
            && matches!(self.rel(b), "advcl" | "obl")
            && self.children(b).any(|c| {
                matches!(self.rel(c), "mark" | "case")
                    && matches!(
                        self.words[c].word.form.to_lowercase().as_str(),
                        "after" | "following"
                    )
            })
    }

    /// Whether word `r` is a word of responding ("responding", "in response", "reacting", "in
    /// reaction").
    pub fn is_response(&self, r: usize) -> bool {
        RESPONSE_WORDS.contains(&self.words[r].word.lemma.to_lowercase().as_str())
    }

    /// Whether act word `a` responds to act word `b`, and so comes after it: `b` is what a word
    /// of responding is "to", that word being `a` itself ("Responding to the verdict, …") or a
    /// clause or phrase of `a` ("In response to the sentence, the EU called for …"); or `a`
    /// says something of `b`, its object ("condemned the verdict", "denounced the arrest").
    pub fn responds_to(&self, a: usize, b: usize) -> bool {
        let Some(h) = self.head(b) else { return false };
        let to_response = matches!(self.rel(b), "obl" | "nmod")
            && self.has_child(b, "case", &["to"])
            && self.is_response(h)
            && (h == a || (self.head(h) == Some(a) && matches!(self.rel(h), "advcl" | "obl")));
        let said_of = h == a
            && self.rel(b) == "obj"
            && self.words[b].word.upos == "NOUN"
            && self.words[a].word.upos == "VERB"
            && SPEECH_ACTS.contains(&self.words[a].word.lemma.to_lowercase().as_str());
        to_response || said_of
    }

    /// The people a name is said to be one of ("Oleg Marchenko, one of the 12 activists
    /// detained on Monday"): the noun after "one of" in apposition to the name, so that what is
    /// told of them is told of the name.
    fn one_of(&self, y: usize) -> Option<usize> {
        // right after the name and a comma: a "one" the parse hangs on a noun further back ("the
        // mother of Oleg Marchenko, one of two men killed") is not said of that noun
        let ends_name = |w: usize| w == y || (self.head(w) == Some(y) && self.rel(w) == "flat");
        let one = self.children(y).find(|&c| {
            self.rel(c) == "appos"
                && self.words[c].word.form.eq_ignore_ascii_case("one")
                && c >= 2
                && self.words[c - 1].word.form == ","
                && ends_name(c - 2)
        })?;
        self.children(one).find(|&n| {
            self.rel(n) == "nmod"
                && self.words[n].word.upos == "NOUN"
                && self.has_child(n, "case", &["of"])
        })
    }

    /// The noun of a dead body that word `y` is the person of ("the body of Jamal Khashoggi",
    /// "Khashoggi's remains"): what is done to the body is done to that person.
    fn remains_of(&self, y: usize) -> Option<usize> {
        let h = self.head(y)?;
        (matches!(self.rel(y), "nmod" | "nmod:poss")
            && self.words[h].word.upos == "NOUN"
            && self.is_remains(h))
        .then_some(h)
    }

    /// Whether word `w` names a dead body: "body", "remains", "corpse", "ashes" (one list for
    /// every rule that asks).
    pub fn is_remains(&self, w: usize) -> bool {
        const REMAINS: &[&str] = &["body", "bodies", "remains", "corpse", "corpses", "ashes"];
        REMAINS.contains(&self.words[w].word.form.to_lowercase().as_str())
    }

    /// How the phrase at `span` is tied to the act whose words are `trigger` (a byte range),
    /// in words a reader can check: "object (obj) of “detained”", "conjunct of the object (obj)
    /// of “beat”", "“detained” hangs on it: clause on a noun (acl)". None when the tree does not
    /// tie them directly.
    pub fn relation(&self, span: (usize, usize), trigger: (usize, usize)) -> Option<String> {
        self.tie(span, trigger).map(|(_, why)| why)
    }

    /// The tie between the phrase at `span` and the act at `trigger`, and its explanation.
    pub fn tie(&self, span: (usize, usize), trigger: (usize, usize)) -> Option<(Tie, String)> {
        let m = self.head_of(span.0, span.1)?;
        let t = self.head_of(trigger.0, trigger.1)?;
        let form = |i: usize| self.words[i].word.form.as_str();
        if m == t || (span.0 <= self.words[t].start && self.words[t].end <= span.1) {
            return None;
        }
        if let Some(w) = self.person_noun_before(span).filter(|&w| w != t) {
            if let Some((tie, why)) = self.tie((self.words[w].start, self.words[w].end), trigger) {
                return Some((tie, format!("in apposition to “{}”: {why}", form(w))));
            }
        }
        if let Some(found) = self.subject_hung_elsewhere(span, m, t) {
            return Some(found);
        }
        // the verb whose subject did the act: one that only says the act, its object, was done
        // ("the ministry imposed sanctions", "she filed an appeal"), or the verb a word of
        // responding hangs on ("Responding to the verdict, the rapporteur said …"); with
        // whether it is the latter
        let responding = self.is_response(t) && matches!(self.rel(t), "advcl" | "obl");
        let doer_verb = match self.support_verb(t) {
            Some(v) => Some((v, false)),
            None => self.head(t).filter(|_| responding).map(|v| (v, true)),
        };
        let chain = self.name_chain(m)?;
        for (k, &c) in chain.iter().enumerate() {
            let how = match k {
                0 => String::new(),
                _ if self.remains_of(chain[k - 1]) == Some(c) => {
                    format!("the one whose “{}” it is, the ", self.words[c].word.form)
                }
                _ if self.one_of(chain[k - 1]) == Some(c) => "one of the ".to_string(),
                _ if self.rel(chain[k - 1]) == "appos" => "in apposition to the ".to_string(),
                _ if self.rel(chain[k - 1]) == "nmod" => {
                    format!("the body the “{}” acts for, the ", self.words[c].word.form)
                }
                _ if self.rel(chain[k - 1]) == "compound" => {
                    format!("the name of the “{}”, the ", self.words[c].word.form)
                }
                _ => "conjunct of the ".to_string(),
            };
            if self.head(c) == Some(t) && !self.possessor_of_a_person(c, t) {
                let why = format!("{how}{} of “{}”", self.describe(c), form(t));
                return Some((self.tie_of(c, t), why));
            }
            // verbs joined by "and" share the first one's subject ("found her guilty and
            // sentenced her"), when the second has none of its own
            let first = self.head(t).filter(|_| self.rel(t) == "conj");
            let own_subject = self.children(t).any(|d| self.rel(d).starts_with("nsubj"));
            if let Some(f) = first.filter(|&f| self.head(c) == Some(f) && !own_subject) {
                let verbs = |i: usize| matches!(self.words[i].word.upos.as_str(), "VERB" | "AUX");
                if self.rel(c).starts_with("nsubj") && verbs(f) && verbs(t) {
                    let why = format!(
                        "{how}{} of “{}”, which “{}” shares",
                        self.describe(c),
                        form(f),
                        form(t)
                    );
                    return Some((self.tie_of(c, f), why));
                }
            }
            if let Some(found) = self.purpose_of(c, t, &how) {
                return Some(found);
            }
            // the act describes the name, or a noun in apposition to it: "the men detained in
            // January", "the men who were detained", "Imran Shah, the journalist who went
            // missing", where the relative pronoun says how
            let described = self
                .head(t)
                .is_some_and(|n| n == c || (self.head(n) == Some(c) && self.rel(n) == "appos"));
            if described {
                let rel_pronoun = self.children(t).find(|&p| {
                    matches!(
                        self.words[p].word.form.to_lowercase().as_str(),
                        "who" | "whom" | "which" | "that"
                    ) && self.words[p].word.upos == "PRON"
                });
                // "the mother of lawyer Abubakar Yangulbaev, who was taken from her apartment":
                // a relative clause after a person's noun "of" another person may be said of
                // either; it is said of neither
                let either = self.rel(c) == "nmod"
                    && self.has_child(c, "case", &["of"])
                    && self.head(c).is_some_and(|n| self.names_a_person(n));
                if let (Some(p), true) = (rel_pronoun, self.rel(t).starts_with("acl") && !either) {
                    let why = format!(
                        "{how}antecedent of “{}”, the {} of “{}”",
                        form(p),
                        self.describe(p),
                        form(t)
                    );
                    return Some((self.tie_of(p, t), why));
                }
                let why = format!("{how}word “{}” hangs on: {}", form(t), self.describe(t));
                let passive = self.words[t].word.xpos == "VBN" && self.rel(t) == "acl";
                return Some((if passive { Tie::Undergoer } else { Tie::Other }, why));
            }
            if let Some((v, responds)) = doer_verb.filter(|&(v, _)| self.head(c) == Some(v)) {
                // the agent of the passive: "the killing was carried out by two men"
                if self.rel(t) == "nsubj:pass" && self.rel(c) == "obl:agent" {
                    let why = format!(
                        "{how}agent (obl:agent) of “{}”, whose passive subject is “{}”",
                        form(v),
                        form(t)
                    );
                    return Some((Tie::Doer, why));
                }
                if self.rel(c) == "nsubj" {
                    let tail = match responds {
                        true => format!("which “{}” hangs on", form(t)),
                        false => format!("whose object is “{}”", form(t)),
                    };
                    let why = format!("{how}subject (nsubj) of “{}”, {tail}", form(v));
                    return Some((Tie::Doer, why));
                }
            }
        }
        self.held_for(span, t)
    }

    /// Whether the name at `span` is whom the asking at `trigger` is addressed to, by a phrase
    /// of "to" or "on" on its verb ("appealed to the Supreme Court", "called on the
    /// authorities"); the object of an asking verb ("urged the authorities") is its undergoer
    /// (see [`Tree::tie`]); so is a name in apposition to it or joined to it by "and" ("called
    /// on the Minister of Justice, Pavel Ostrov,", "appealed to Russia and Belarus").
    pub fn addressed_by_phrase(&self, span: (usize, usize), trigger: (usize, usize)) -> bool {
        let (Some(mut n), Some(t)) = (
            self.head_of(span.0, span.1),
            self.head_of(trigger.0, trigger.1),
        ) else {
            return false;
        };
        while matches!(self.rel(n), "appos" | "conj") {
            match self.head(n) {
                Some(h) => n = h,
                None => return false,
            }
        }
        let by_phrase = self.head(n) == Some(t)
            && self.rel(n) == "obl"
            && self.has_child(n, "case", &["to", "on"]);
        // the parse may read "called on X to release him" as a clause "on X to release him",
        // X its subject: X is still whom the call is on
        let on_clause = self.rel(n) == "nsubj"
            && self
                .head(n)
                .is_some_and(|c| self.head(c) == Some(t) && self.has_child(c, "mark", &["on"]));
        by_phrase || on_clause
    }

    /// The modality of `x` as an infinitive of purpose of `h` ("petitioned the committee to
    /// protect the men", "moved them to hide them"): asked for under a verb of asking, else only
    /// intended; not the act `act` that such an infinitive protests, reports or marks, which
    /// was done ("went on hunger strike to protest his detention").
    fn purpose_modality(&self, x: usize, h: usize, act: usize) -> Option<casefile_model::Modality> {
        use casefile_model::Modality as M;
        const TAKING_AS_DONE: &[&str] = &[
            "protest",
            "denounce",
            "condemn",
            "report",
            "document",
            "mark",
            "commemorate",
            "challenge",
            "contest",
            "expose",
        ];
        if !self.purpose(x, h) || (x != act && self.lemma_in(x, TAKING_AS_DONE)) {
            return None;
        }
        let lemma = self.words[h].word.lemma.to_lowercase();
        Some(match lemma.as_str() {
            "demand" | "urge" | "request" | "petition" | "ask" | "call" | "appeal" | "campaign"
            | "seek" => M::Demanded,
            _ => M::Hypothetical,
        })
    }

    /// The tie of word `c` (reached as `how` says) to act `t` when `t` is an infinitive of
    /// purpose with no subject of its own: done by the subject of the active clause it is for
    /// ("His mother had been on hunger strike to demand his release", "The family went to
    /// Geneva to petition the UN"); not where that clause has an object, who may be the one to
    /// do it ("petitioned the committee to protect the men", "urged the authorities to
    /// investigate", whatever the parse says).
    fn purpose_of(&self, c: usize, t: usize, how: &str) -> Option<(Tie, String)> {
        let form = |i: usize| self.words[i].word.form.as_str();
        let h = self.head(t)?;
        let purpose = matches!(self.rel(t), "advcl" | "acl")
            && self.has_child(t, "mark", &["to"])
            && !self.children(t).any(|d| self.rel(d).starts_with("nsubj"))
            && !self
                .children(h)
                .any(|d| matches!(self.rel(d), "obj" | "iobj"));
        (purpose && self.head(c) == Some(h) && self.rel(c) == "nsubj").then(|| {
            let why = format!(
                "{how}subject (nsubj) of “{}”, which “{}” is done for",
                form(h),
                form(t)
            );
            (Tie::Doer, why)
        })
    }

    /// The tie of the name at `span` to a questioning `t` that another verb's undergoer is held
    /// or called for ("was summoned for questioning", "detained him for interrogation"): the one
    /// summoned or detained undergoes it. Only a questioning: one "arrested for killing his
    /// wife" or "sentenced for the murder" is no victim of it.
    fn held_for(&self, span: (usize, usize), t: usize) -> Option<(Tie, String)> {
        const QUESTIONING: &[&str] = &["question", "questioning", "interrogate", "interrogation"];
        let v = self.head(t)?;
        let for_it = QUESTIONING.contains(&self.words[t].word.lemma.to_lowercase().as_str())
            && matches!(self.rel(t), "advcl" | "obl")
            && (self.has_child(t, "mark", &["for"]) || self.has_child(t, "case", &["for"]));
        if !for_it || self.words[v].word.upos != "VERB" {
            return None;
        }
        let (tie, why) = self.tie(span, (self.words[v].start, self.words[v].end))?;
        (tie == Tie::Undergoer).then(|| {
            let form = |i: usize| self.words[i].word.form.as_str();
            (Tie::Undergoer, format!("{why}, which is for “{}”", form(t)))
        })
    }

    /// Whether the name at `start..end` is the possessor of a noun for a person ("Mr
    /// Akhmedov's brother", "Musaeva's lawyer"): it names whose relative or agent that person
    /// is, and takes no part in what the sentence tells of them.
    pub fn possessor_of_a_person_noun(&self, start: usize, end: usize) -> bool {
        self.head_of(start, end).is_some_and(|m| {
            self.rel(m) == "nmod:poss" && self.head(m).is_some_and(|n| self.person_noun(n))
        })
    }

    /// Whether the name at `start..end` is someone's agent or relative by a possessed noun for
    /// a person beside it ("His lawyer, Anna Kell,", "her brother Reza Karimi"): the one who
    /// speaks or acts for another, whom a later "he" or "she" of the sentence may not mean.
    pub fn someones_agent(&self, start: usize, end: usize) -> bool {
        let Some(m) = self.head_of(start, end) else {
            return false;
        };
        let possessed =
            |n: usize| self.person_noun(n) && self.children(n).any(|c| self.rel(c) == "nmod:poss");
        let before = (0..m).rev().find(|&w| self.words[w].word.upos != "PUNCT");
        (self.rel(m) == "appos" && self.head(m).is_some_and(possessed))
            || self
                .children(m)
                .any(|c| matches!(self.rel(c), "appos" | "nmod:desc") && possessed(c))
            || before.is_some_and(|w| w + 2 >= m && possessed(w))
    }

    /// Whether noun `n` is in apposition to the name at `span` ("Ivan Dorn, a journalist,"),
    /// either way round.
    pub fn in_apposition(&self, n: usize, span: (usize, usize)) -> bool {
        let Some(m) = self.head_of(span.0, span.1) else {
            return false;
        };
        let linked = |a: usize, b: usize| {
            self.head(a) == Some(b) && matches!(self.rel(a), "appos" | "nmod:desc" | "compound")
        };
        // or set off by a comma right after the name, whatever the parse makes of it ("Abdul
        // Karim, 38, an activist of the party, says")
        let set_off = self.words[..n]
            .iter()
            .any(|w| w.start >= span.1 && w.word.form == "," && w.start - span.1 <= 1)
            && (0..n).filter(|&b| self.words[b].start >= span.1).all(|b| {
                matches!(
                    self.words[b].word.upos.as_str(),
                    "PUNCT" | "NUM" | "DET" | "ADJ"
                ) || self.head(b) == Some(n)
            });
        linked(n, m) || linked(m, n) || set_off
    }

    /// Whether word `w` names a person: a noun for one ([`Tree::person_noun`]) or "man",
    /// "woman", "people" and their like.
    pub fn names_a_person(&self, w: usize) -> bool {
        self.person_noun(w)
            || (self.words[w].word.upos == "NOUN"
                && PEOPLE.contains(&self.words[w].word.lemma.to_lowercase().as_str()))
    }

    /// Whether word `w` names someone: a name, a pronoun, or a noun for a person
    /// ([`Tree::names_a_person`]); not a thing ("the phone", "the channel", "civil society").
    pub fn names_someone(&self, w: usize) -> bool {
        matches!(self.words[w].word.upos.as_str(), "PROPN" | "PRON") || self.names_a_person(w)
    }

    /// Whether word `w` is a noun for a person of the role vocabulary ("brother", "lawyer",
    /// "fiancée": [`crate::attributes::ROLES`]).
    fn person_noun(&self, w: usize) -> bool {
        let lower = self.words[w].word.form.to_lowercase();
        self.words[w].word.upos == "NOUN"
            && crate::attributes::ROLES.iter().any(|r| r.noun == lower)
    }

    /// Whether the possessor `c` the parse hangs on `t` comes right before a noun for a person
    /// between them ("Khashoggi's fiancée calls verdict", a headline read as one noun phrase):
    /// it is that person's possessor ("his fiancée"), not the act's.
    fn possessor_of_a_person(&self, c: usize, t: usize) -> bool {
        self.rel(c) == "nmod:poss" && (c + 1..t).any(|w| self.person_noun(w))
    }

    /// The verb whose object the noun `t` is, when that verb only says the act named by the
    /// noun was done, so that its subject is the act's doer: "imposed sanctions", "launched an
    /// investigation", "filed an appeal", "issued a statement"; or the verb of speech the noun
    /// says it was spoken in ("said in a statement", "wrote in a letter"). Not "faced charges",
    /// "received threats", "suffered torture", whose subject undergoes the act.
    fn support_verb(&self, t: usize) -> Option<usize> {
        let v = self.head(t)?;
        let lemma = self.words[v].word.lemma.to_lowercase();
        let noun_of_verb = self.words[t].word.upos == "NOUN" && self.words[v].word.upos == "VERB";
        // ("carried out the killing", and in the passive "the killing was carried out by …")
        let done = matches!(self.rel(t), "obj" | "nsubj:pass") && DOING.contains(&lemma.as_str());
        // a noun for what words are put out in ("in a statement", "in a letter"), not any
        // noun the parse hangs on a verb of speech ("reported Monday, in a trial …")
        const MEDIA: &[&str] = &[
            "statement",
            "letter",
            "interview",
            "speech",
            "post",
            "tweet",
            "message",
            "video",
            "address",
            "briefing",
            "communique",
            "communiqué",
            "op-ed",
            "column",
            "article",
            "appeal",
            "petition",
            "complaint",
            "declaration",
        ];
        let spoken_in = self.rel(t) == "obl"
            && self.has_child(t, "case", &["in"])
            && SPEECH_VERBS.contains(&lemma.as_str())
            && MEDIA.contains(&self.words[t].word.lemma.to_lowercase().as_str());
        (noun_of_verb && (done || spoken_in)).then_some(v)
    }

    /// Whether the time at `span` dates the making of the act whose noun is at `trigger`: it is
    /// a phrase of a participle of doing on that noun ("an appeal filed by his lawyers in
    /// September", "the sentence handed down in August", "charges brought in 2020"); not of
    /// another step taken on the thing ("the sentence upheld on Thursday").
    pub fn dates_the_making(&self, span: (usize, usize), trigger: (usize, usize)) -> bool {
        let (Some(n), Some(p)) = (
            self.head_of(trigger.0, trigger.1),
            self.head_of(span.0, span.1),
        ) else {
            return false;
        };
        let doing = |v: usize| {
            let lemma = self.words[v].word.lemma.to_lowercase();
            DOING.contains(&lemma.as_str()) || matches!(lemma.as_str(), "bring" | "pass" | "hand")
        };
        self.words[n].word.upos == "NOUN"
            && self.head(p).is_some_and(|v| {
                self.head(v) == Some(n)
                    && self.rel(v).starts_with("acl")
                    && self.words[v].word.xpos == "VBN"
                    && doing(v)
                    && matches!(self.rel(p), "obl" | "obl:tmod" | "obl:unmarked")
            })
    }

    /// Whether the act whose noun is at `trigger` is only what another step is about: a phrase
    /// of "against", "over", "about", "into" on a verb or a noun ("rejected his appeal against
    /// extradition on September 5", "protested over the arrest"). The time of that step is not
    /// the act's.
    pub fn topic_of_a_step(&self, trigger: (usize, usize)) -> bool {
        self.head_of(trigger.0, trigger.1).is_some_and(|n| {
            self.words[n].word.upos == "NOUN"
                && matches!(self.rel(n), "nmod" | "obl")
                && self.has_child(n, "case", &["against", "over", "about", "into"])
        })
    }

    /// The noun of an act named only as the point another is timed from, in a phrase of
    /// "after", "before", "following", "since" or "until" ("five days after the killing,
    /// reporter X was shot dead", "released after the trial"): the time of the clause is not
    /// its time.
    pub fn reference_point(&self, trigger: (usize, usize)) -> Option<usize> {
        self.head_of(trigger.0, trigger.1).filter(|&n| {
            self.words[n].word.upos == "NOUN"
                && matches!(self.rel(n), "nmod" | "obl")
                && self.has_child(
                    n,
                    "case",
                    &["after", "before", "following", "since", "until"],
                )
        })
    }

    /// Whether the phrase at `span` is inside the phrase headed by word `n` ("on 3 May" in "the
    /// arrest on 3 May").
    pub fn inside(&self, span: (usize, usize), n: usize) -> bool {
        self.head_of(span.0, span.1)
            .is_some_and(|w| self.within(w, n))
    }

    /// Whether word `w` heads a clause: a word in a clausal relation (the root, a clausal
    /// complement, an adverbial clause, a clause on a noun, a parataxis, a clausal subject), or
    /// a verb in any relation but as an adjective or an auxiliary. An open complement ("forced
    /// to leave") is part of the clause it completes.
    fn heads_clause(&self, w: usize) -> bool {
        let rel = self.rel(w);
        match rel.split(':').next().unwrap_or(rel) {
            // a participle of result or manner with no marker or subject of its own shares the
            // clause it hangs on ("used lethal force on January 5, killing at least 12 people")
            "advcl"
                if self.words[w].word.xpos == "VBG"
                    && !self
                        .children(w)
                        .any(|c| matches!(self.rel(c), "mark" | "nsubj" | "nsubj:pass")) =>
            {
                false
            }
            "root" | "ccomp" | "advcl" | "acl" | "parataxis" | "csubj" => true,
            "xcomp" | "amod" | "aux" | "cop" | "compound" | "mark" | "case" | "det" => false,
            _ => self.words[w].word.upos == "VERB",
        }
    }

    /// Whether word `w` is put in time against its clause by "after", "before", "since",
    /// "until", "following" or "prior to" ("arrested after the protest", "since his death"):
    /// its time is not the clause's.
    fn time_relative(&self, w: usize) -> bool {
        self.children(w).any(|c| {
            matches!(self.rel(c), "case" | "mark")
                && matches!(
                    self.words[c].word.form.to_lowercase().as_str(),
                    "after" | "before" | "since" | "until" | "following" | "prior"
                )
        })
    }

    /// The clause word `w` belongs to, as a time or place sees it: itself when it heads one,
    /// else its nearest ancestor that does. A phrase put in time against its clause ("since his
    /// death") is a clause of its own, and so is a noun that is what a verb of saying says ("described
    /// on Monday as a kidnapping", "accused of persecution"): the saying's time is not the
    /// act's, unless the verb only says the act was done ("announced sanctions on Thursday"), or
    /// unless `said_apart` is false (a year or a month beside "reported" dates what is
    /// reported: "in 2019 reported a second wave of persecution").
    fn clause_of(&self, mut w: usize, said_apart: bool) -> usize {
        for _ in 0..self.words.len() {
            // a participle or adjective that describes a noun ("the jailed mother") tells a
            // state an earlier act left, not an act at the clause's time
            if self.heads_clause(w)
                || self.time_relative(w)
                || self.rel(w) == "amod"
                || self.ground_of_verb(w)
            {
                break;
            }
            match self.head(w) {
                Some(h)
                    if said_apart
                        && self.words[w].word.upos == "NOUN"
                        && self.heads_clause(h)
                        && self.is_speech(h)
                        && self.support_verb(w) != Some(h) =>
                {
                    break
                }
                Some(h) => w = h,
                None => break,
            }
        }
        w
    }

    /// Whether noun `w` gives what something is done for or over ("sentenced to life in prison
    /// for the murder of X", "expelled diplomats over the killing", "called for an inquiry"),
    /// or what a verb charges, convicts or threatens with ("convicted of torture", "were
    /// charged on Tuesday with the murder", "threatened with arrest"), or what an anniversary
    /// or a memorial remembers ("marked the anniversary of the killing on Monday"): an act
    /// before or after the verb's, never at its time, so a clause of its own.
    fn ground_of_verb(&self, w: usize) -> bool {
        self.words[w].word.upos == "NOUN"
            && match self.rel(w) {
                // ("sentenced to ten years on charges of smuggling": the charges were brought
                // before)
                "obl" => {
                    self.has_child(w, "case", &["for", "over", "of", "with"])
                        || (self.has_child(w, "case", &["on"])
                            && (self.lemma_in(w, CHARGING) || self.lemma_in(w, &["suspicion"])))
                }
                "nmod" => self.has_child(w, "case", &["for", "over"]) || self.remembered(w),
                _ => false,
            }
    }

    /// Whether noun `w` is what an anniversary or a memorial remembers ("the anniversary of
    /// the killing", "in memory of the murdered journalist"): an act years before, which a day
    /// the sentence names, wherever the parse hangs it, does not date.
    pub fn remembered(&self, w: usize) -> bool {
        const REMEMBERING: &[&str] = &["anniversary", "commemoration", "memory", "memorial"];
        self.rel(w) == "nmod"
            && self.has_child(w, "case", &["of"])
            && self.head(w).is_some_and(|h| self.lemma_in(h, REMEMBERING))
    }

    /// Whether the sentence has a clause of time that moves the story on to the time of what it
    /// tells ("when the term ended", "once he was freed", "until the hearing ended"): an
    /// adverbial clause opened by "when", "once" or "until". ("after" places a clause after
    /// another, which may be long before the time of writing: "The news comes just after
    /// prosecutors announced …".)
    pub fn clause_of_later_time(&self) -> bool {
        (0..self.words.len()).any(|w| self.time_clause(w, &["when", "once", "until"]))
    }

    /// Whether the sentence's main verb is told as coming later by a span it does not give ("A
    /// Swedish court later convicted two men", "He was eventually released"): the story moves
    /// on past the day told before.
    pub fn main_verb_told_later(&self) -> bool {
        (0..self.words.len()).any(|w| {
            self.rel(w) == "root"
                && self.words[w].word.upos == "VERB"
                && self.has_child(w, "advmod", LATER)
        })
    }

    /// Whether word `w` heads an adverbial clause opened by one of `openers` (UD makes "when"
    /// the clause's adverb, the others its marker).
    fn time_clause(&self, w: usize, openers: &[&str]) -> bool {
        self.rel(w) == "advcl"
            && (self.has_child(w, "mark", openers)
                || (openers.contains(&"when") && self.has_child(w, "advmod", &["when"])))
    }

    /// Whether the phrase at `start..end` is the sentence's root ("It was March 3.").
    pub fn is_root(&self, start: usize, end: usize) -> bool {
        self.head_of(start, end)
            .is_some_and(|h| self.rel(h) == "root")
    }

    /// The byte range of the noun phrase headed by word `n` without what follows a comma or
    /// opens a clause: its determiners, possessor, adjectives, numbers, compounds, the flat
    /// words of a name and its nouns with "of" ("Khashoggi's fiancée", "the Saudi attorney
    /// general", "a close ally of the prince"; not "a rights group on Monday").
    pub fn noun_phrase(&self, n: usize) -> (usize, usize) {
        let (mut first, mut last) = (n, n);
        let mut todo = vec![n];
        while let Some(w) = todo.pop() {
            for c in self.children(w) {
                let inner = matches!(
                    self.rel(c),
                    "det" | "det:poss" | "amod" | "nummod" | "compound" | "nmod:poss" | "flat"
                ) || (self.rel(c) == "nmod" && self.has_child(c, "case", &["of"]))
                    || (self.rel(c) == "case" && self.rel(w).starts_with("nmod"));
                if inner {
                    first = first.min(c);
                    last = last.max(c);
                    todo.push(c);
                }
            }
        }
        (self.words[first].start, self.words[last].end)
    }

    /// The verb whose subject is verb `v`'s: `v` itself, or for a participle of an adverbial
    /// clause with no subject of its own ("The Saudis have presented shifting stories,
    /// initially denying any knowledge") the verb it hangs on.
    pub fn subject_holder(&self, v: usize) -> usize {
        let own = self.children(v).any(|c| self.rel(c).starts_with("nsubj"));
        match self.head(v) {
            Some(h) if !own && self.rel(v) == "advcl" && self.words[v].word.xpos == "VBG" => h,
            _ => v,
        }
    }

    /// Whether word `i` is a verb of saying ([`SPEECH_VERBS`]).
    pub fn is_speech(&self, i: usize) -> bool {
        self.words[i].word.upos == "VERB" && self.lemma_in(i, SPEECH_VERBS)
    }

    /// Whether word `w`'s lemma is one of `list`. The lemma rules, learned from the treebank,
    /// drop a silent "e" they never saw ("implored" → "implor", "postponed" → "postpon"): the
    /// word with it restored is the same word.
    pub fn lemma_in(&self, w: usize, list: &[&str]) -> bool {
        let lemma = self.words[w].word.lemma.to_lowercase();
        list.contains(&lemma.as_str()) || list.contains(&format!("{lemma}e").as_str())
    }

    /// Whether the act at `start..end` is told as coming next ("the attorney general then
    /// acknowledged", "was then dismembered"): after what was told just before it.
    pub fn told_next(&self, start: usize, end: usize) -> bool {
        self.clause_adverb(start, end, &["then", "subsequently", "afterwards", "later"])
    }

    /// Whether the act at `start..end` is told as coming earlier by a span the report does not
    /// give ("initially denying any knowledge", "had originally been arrested", "previously
    /// sentenced"): before the day told before it, not on it.
    pub fn told_earlier(&self, start: usize, end: usize) -> bool {
        const EARLIER: &[&str] = &[
            "initially",
            "originally",
            "previously",
            "earlier",
            "formerly",
        ];
        // on the act's own word, a participle's too ("…, initially denying any knowledge")
        self.head_of(start, end)
            .is_some_and(|a| self.has_child(a, "advmod", EARLIER))
            || self.clause_adverb(start, end, EARLIER)
    }

    /// Whether the act at `start..end` is told as coming later by a span the report does not
    /// give ("He later claimed", "was subsequently charged", "eventually released"): after the
    /// day told before it, not on it ("then" may be that day: "was then dismembered").
    pub fn told_later(&self, start: usize, end: usize) -> bool {
        self.clause_adverb(start, end, LATER)
    }

    /// Whether the act at `start..end` is told as coming after something its clause names
    /// with no time of its own ("Police detained more than 1,000 people after the verdict",
    /// "was beaten after he returned"): after that, by a span the report does not give, not on
    /// the day told before it.
    /// The head of the phrase or the clause it comes after.
    pub fn told_after_something(&self, start: usize, end: usize) -> Option<usize> {
        let v = self.clause_of(self.head_of(start, end)?, false);
        self.children(v).find(|&c| {
            matches!(self.rel(c), "obl" | "advcl")
                && (self.has_child(c, "case", &["after", "following"])
                    || self.has_child(c, "mark", &["after"]))
        })
    }

    /// Whether the act at `start..end` is told as standing now ("have now been offered
    /// protection"): at the time of writing, not on a day the narrative has reached.
    pub fn told_now(&self, start: usize, end: usize) -> bool {
        self.clause_adverb(start, end, &["now"])
    }

    /// Whether the clause of the act at `start..end` has one of `adverbs`.
    fn clause_adverb(&self, start: usize, end: usize, adverbs: &[&str]) -> bool {
        self.head_of(start, end)
            .is_some_and(|a| self.has_child(self.clause_of(a, false), "advmod", adverbs))
    }

    /// Whether word `x` has a child in relation `rel` that is one of `forms` (letter case
    /// aside): a marker ("to", "whether"), a preposition ("of"), an adverb ("then").
    pub fn has_child(&self, x: usize, rel: &str, forms: &[&str]) -> bool {
        self.children(x).any(|c| {
            self.rel(c) == rel
                && forms
                    .iter()
                    .any(|f| self.words[c].word.form.eq_ignore_ascii_case(f))
        })
    }

    /// Whether the phrase at `start..end` (a time) modifies a verb of saying ("the office said
    /// Wednesday", "announced on Monday"): the day of a saying, not of what is said.
    pub fn dates_saying(&self, start: usize, end: usize) -> bool {
        self.head_of(start, end)
            .and_then(|p| self.head(p))
            .is_some_and(|h| self.is_speech(h))
    }

    /// Whether the phrase at `start..end` is headed by a noun with no article, possessor or
    /// number: a kind ("torture", "killings"), not a particular thing.
    pub fn bare_noun(&self, start: usize, end: usize) -> bool {
        self.head_of(start, end).is_some_and(|h| {
            self.words[h].word.upos == "NOUN"
                && !self
                    .children(h)
                    .any(|c| matches!(self.rel(c), "det" | "nmod:poss" | "nummod" | "det:poss"))
        })
    }

    /// Whether the phrase at `start..end` (a time) starts a span ("since 2017", "since her
    /// arrest"): when a state began, not a day the narrative reaches.
    pub fn starts_a_span(&self, start: usize, end: usize) -> bool {
        self.head_of(start, end)
            .is_some_and(|h| self.has_child(h, "case", &["since"]))
    }

    /// Whether the phrase at `start..end` (a time) modifies a clause told in the present or the
    /// present perfect ("has been held since 2017", "is in custody since March"): a state that
    /// lasts to the time of writing.
    pub fn lasts_to_now(&self, start: usize, end: usize) -> bool {
        let Some(h) = self.head_of(start, end).and_then(|t| self.head(t)) else {
            return false;
        };
        let c = self.clause_of(h, false);
        let present = |w: usize| matches!(self.words[w].word.xpos.as_str(), "VBZ" | "VBP");
        present(c)
            || self
                .children(c)
                .any(|x| matches!(self.rel(x), "aux" | "aux:pass" | "cop") && present(x))
    }

    /// Whether the phrase at `start..end` (an act, a time) is told inside a clause on a noun
    /// ("Khashoggi, who was killed in 2018", "a photo taken in 2014"): what the sentence says
    /// of a person or a thing, not its narrative.
    pub fn in_clause_on_noun(&self, start: usize, end: usize) -> bool {
        let Some(mut w) = self.head_of(start, end) else {
            return false;
        };
        // the clause it is in: the first verb up from it
        for _ in 0..self.words.len() {
            if self.words[w].word.upos == "VERB" || self.rel(w).starts_with("acl") {
                return self.rel(w).starts_with("acl");
            }
            match self.head(w) {
                Some(h) => w = h,
                None => return false,
            }
        }
        false
    }

    /// Whether the verb at `start..end` heads a clause with a subject of its own that describes
    /// a thing already known (a noun with "the", "this", "that" or a possessor: "the one the
    /// court overturned"), or one the sentence has just told, in apposition to it ("found her
    /// guilty of fraud — accusations she denied"): background told again, not the narrative. A
    /// clause on a new thing ("a video in which the two men apologized") tells something new.
    pub fn describes_noun(&self, start: usize, end: usize) -> bool {
        self.head_of(start, end).is_some_and(|h| {
            self.rel(h).starts_with("acl")
                && self.children(h).any(|c| self.rel(c).starts_with("nsubj"))
                && self.head(h).is_some_and(|n| {
                    self.rel(n) == "appos"
                        || self.children(n).any(|c| {
                            self.rel(c) == "nmod:poss"
                                || (self.rel(c) == "det"
                                    && matches!(
                                        self.words[c].word.lemma.to_lowercase().as_str(),
                                        "the" | "this" | "that" | "these" | "those"
                                    ))
                        })
                })
        })
    }

    /// Whether the phrase at `start..end` is a noun that points back with "this", "these",
    /// "that" or "those" ("on these charges"): a thing told before, not a new one.
    pub fn points_back(&self, start: usize, end: usize) -> bool {
        self.head_of(start, end).is_some_and(|h| {
            self.words[h].word.upos == "NOUN"
                && self.children(h).any(|c| {
                    self.rel(c) == "det"
                        && matches!(
                            self.words[c].word.form.to_lowercase().as_str(),
                            "this" | "these" | "that" | "those"
                        )
                })
        })
    }

    /// Whether the phrase at `start..end` is a noun with "the" and nothing of its own (no
    /// "of …", possessor, noun or adjective before it, number or clause) that the sentence says
    /// something of, as the subject of a passive ("the charge was based on …") or of "to be"
    /// ("the murder was an act of state terrorism"), or that another verb is done to or with
    /// ("would cooperate with the investigation", "condemned the arrest"): the one told before,
    /// not a new one.
    pub fn the_one_told(&self, start: usize, end: usize) -> bool {
        self.head_of(start, end).is_some_and(|h| {
            let copula = |p: usize| self.children(p).any(|c| self.rel(c) == "cop");
            let verb = |p: usize| self.words[p].word.upos == "VERB";
            // what the verb calls it, in quotation marks, the parse may hang on the noun
            // ("called the verdict “appalling”")
            let quoted_label = |c: usize| {
                self.rel(c) == "appos"
                    && self.children(c).any(|q| {
                        matches!(self.words[q].word.form.as_str(), "\"" | "“" | "``" | "«")
                    })
            };
            self.words[h].word.upos == "NOUN"
                && (self.rel(h) == "nsubj:pass"
                    || (self.rel(h) == "nsubj" && self.head(h).is_some_and(copula))
                    || (matches!(self.rel(h), "obj" | "obl") && self.head(h).is_some_and(verb)))
                && self.children(h).all(|c| {
                    (matches!(self.rel(c), "det" | "case" | "punct") || quoted_label(c))
                        && (self.rel(c) != "det"
                            || self.words[c].word.form.eq_ignore_ascii_case("the"))
                })
                && self.children(h).any(|c| self.rel(c) == "det")
        })
    }

    /// Whether the quotation at `start..end` names an offence, the words of a charge or a
    /// verdict ("on charges of “joining a terrorist group” and “spreading false news”",
    /// "convicted of “participating in an extremist organisation”", "charged with “inciting
    /// social hatred”"): the name of a crime, a term, not anyone's speech.
    pub fn names_an_offence(&self, start: usize, end: usize) -> bool {
        const OFFENCE: &[&str] = &["convict", "guilty", "crime", "offence", "offense", "count"];
        let inside = |i: usize| {
            self.words[i].start >= start
                && self.words[i].end <= end
                && self.words[i].word.upos != "PUNCT"
        };
        let Some(mut x) =
            (0..self.words.len()).find(|&i| inside(i) && self.head(i).is_none_or(|h| !inside(h)))
        else {
            return false;
        };
        // the second of two names joined by "and"
        if self.rel(x) == "conj" {
            match self.head(x) {
                Some(h) if h < x => x = h,
                _ => return false,
            }
        }
        let of_or_with = self.children(x).any(|c| {
            c < x
                && matches!(self.rel(c), "case" | "mark")
                && matches!(
                    self.words[c].word.form.to_lowercase().as_str(),
                    "of" | "with"
                )
        });
        // what one is punished for ("sentenced him to life in prison for “separatism”",
        // "jailed for “hooliganism”")
        const PUNISHING: &[&str] = &[
            "sentence", "jail", "imprison", "convict", "arrest", "detain", "fine", "punish",
        ];
        let for_it = self.children(x).any(|c| {
            c < x
                && matches!(self.rel(c), "case" | "mark")
                && self.words[c].word.form.eq_ignore_ascii_case("for")
        });
        self.head(x).is_some_and(|h| {
            let lemma = self.words[h].word.lemma.to_lowercase();
            (of_or_with
                && (CHARGING.contains(&lemma.as_str()) || OFFENCE.contains(&lemma.as_str())))
                || (for_it
                    && (self.lemma_in(h, PUNISHING)
                        // (on the term the parse hangs it on: "sentenced him to life … for")
                        || (matches!(self.rel(h), "xcomp" | "obl")
                            && self.head(h).is_some_and(|g| self.lemma_in(g, PUNISHING)))))
        })
    }

    /// Whether the phrase at `start..end` is a bare noun that gives the grounds of a verb
    /// ("overturn the sentence due to the unjustified charges", "sentenced on charges"), with
    /// nothing of its own: no "of …", no possessor, no noun before it ("over the disappearance
    /// of X" tells of X's disappearance).
    pub fn grounds(&self, start: usize, end: usize) -> bool {
        const GROUNDS: &[&str] = &["on", "for", "over", "due", "because", "following"];
        self.head_of(start, end).is_some_and(|h| {
            self.words[h].word.upos == "NOUN"
                && !self
                    .children(h)
                    .any(|c| matches!(self.rel(c), "nmod" | "nmod:poss" | "compound"))
                && self.rel(h) == "obl"
                && self
                    .head(h)
                    .is_some_and(|v| self.words[v].word.upos == "VERB")
                && self.children(h).any(|c| {
                    self.rel(c) == "case"
                        && GROUNDS.contains(&self.words[c].word.form.to_lowercase().as_str())
                })
        })
    }

    /// The words of the active subject of the verb at `start..end` (the subject's head and
    /// the words of its name or noun phrase before it: "international human rights groups"),
    /// when it has one.
    pub fn subject_words(&self, start: usize, end: usize) -> Option<Vec<&Word>> {
        let v = self.head_of(start, end)?;
        let s = self.children(v).find(|&c| self.rel(c) == "nsubj")?;
        let mut out: Vec<&Word> = self
            .children(s)
            .filter(|&c| matches!(self.rel(c), "compound" | "amod" | "flat" | "nmod:poss"))
            .map(|c| &self.words[c].word)
            .collect();
        out.push(&self.words[s].word);
        Some(out)
    }

    /// Whether `x` is an infinitive of purpose on `h`: an adverbial "to" clause, or the open
    /// complement the parse may give a passive verb for one ("was tortured to extract a
    /// confession"); only verbs that pass their subject on take an open complement in the
    /// passive ("was forced to sign", "was ordered to leave").
    fn purpose(&self, x: usize, h: usize) -> bool {
        const PASSIVE_CONTROL: &[&str] = &[
            "force",
            "make",
            "order",
            "ask",
            "tell",
            "allow",
            "permit",
            "require",
            "oblige",
            "compel",
            "expect",
            "urge",
            "invite",
            "encourage",
            "persuade",
            "pressure",
            "advise",
            "instruct",
            "sentence",
            "summon",
            "say",
            "believe",
            "report",
            "see",
            "know",
            "think",
            "consider",
            "find",
            "show",
            "hear",
        ];
        let base = self.rel(x).split(':').next().unwrap_or("");
        let to = self.has_child(x, "mark", &["to"]);
        let passive_purpose = base == "xcomp"
            && to
            && self.passive(h)
            && !PASSIVE_CONTROL.contains(&self.words[h].word.lemma.to_lowercase().as_str());
        (base == "advcl" && to) || passive_purpose
    }

    /// The modality a governing word `h` gives the act `x` is a complement of ("threatened to
    /// kill", "at risk of", "demands", "denied", "tried to"); `asked`: whether a verb of calling
    /// or asking asks for it ("called for his release", "asked the court to overturn it").
    fn governing_word(&self, h: usize, x: usize, asked: bool) -> Option<casefile_model::Modality> {
        // the lemma rules may drop a silent "e" ("declined" → "declin"): the word with it
        // restored is the same word
        let lemma = self.words[h].word.lemma.to_lowercase();
        self.governing_lemma(&lemma, h, x, asked)
            .or_else(|| self.governing_lemma(&format!("{lemma}e"), h, x, asked))
    }

    /// [`Tree::governing_word`] for the governing word's lemma `lemma`.
    fn governing_lemma(
        &self,
        lemma: &str,
        h: usize,
        x: usize,
        asked: bool,
    ) -> Option<casefile_model::Modality> {
        use casefile_model::Modality as M;
        match lemma {
            "threaten" | "threat" => Some(M::Threatened),
            "fear" | "risk" | "danger" => Some(M::Feared),
            // what one faces is ahead ("faces a real prison sentence"), except charges, which
            // are brought already ("she faces charges of fraud")
            "face" if self.words[x].word.lemma.to_lowercase() != "charge" => Some(M::Feared),
            "demand" | "urge" | "request" | "petition" | "ensure" | "seek" => Some(M::Demanded),
            // an order to do something is a demand of those ordered ("ordered troops to shoot to
            // kill"); "ordered the killing" tells of the killing it caused
            "order" | "instruct" | "command" if asked => Some(M::Demanded),
            "call" | "ask" | "appeal" | "campaign" if asked => Some(M::Demanded),
            // what one does not deny is another's claim, not denied ("did not deny that she had
            // been detained")
            "deny" if self.not_done(h) => Some(M::Alleged),
            "deny" => Some(M::Denied),
            // what one is charged with, accused or suspected of is the charge's claim ("charged
            // with murder", "accused of torturing"); what one is acquitted or cleared of, no
            // deed of theirs
            l if CHARGING.contains(&l) => Some(M::Alleged),
            "acquit" | "clear" => Some(M::Negated),
            // what one alleges is one's claim ("family alleges torture"), and what one believes
            // was done ("his family believes he is being held by the police"; what one suspects
            // is read above, as a charge's)
            "allege" => Some(M::Alleged),
            "believe" | "think" if self.rel(x) == "ccomp" => Some(M::Alleged),
            // what someone says was done is their account ("his lawyer said he had been
            // tortured"), as a quotation is; not what one admits or confirms, nor what the
            // speaker says it did itself ("said it fired two officials", "said they had
            // detained him")
            "say" | "tell" | "claim" | "state" | "add" | "write" | "insist" | "testify"
            | "explain" | "recount"
                if self.rel(x) == "ccomp" && !self.done_by_pronoun(x) =>
            {
                Some(M::Alleged)
            }
            // what is dismissed or rejected as a telling ("dismissed reports that he had been
            // beaten"), not a step of the case ("rejected the appeal")
            "dismiss" | "reject" | "refute" | "disprove"
                if self.telling_noun(x)
                    || (self.rel(x) == "ccomp"
                        && self
                            .children(h)
                            .any(|c| self.rel(c) == "obj" && self.telling_noun(c))) =>
            {
                Some(M::Denied)
            }
            // what one will not confirm is another's claim ("refused to confirm that he had been
            // detained", "could not confirm")
            "confirm" | "verify" if self.not_done(h) => Some(M::Alleged),
            // what one deserves is a judgement, not a deed ("said the men deserved to be
            // killed")
            "prevent" | "avoid" | "try" | "attempt" | "plan" | "want" | "intend" | "plot"
            | "conspire" | "deserve" | "merit" => Some(M::Hypothetical),
            // what one failed, was unable or refused to do was not done ("were unable to arrest
            // him due to his judicial immunity", "failed to detain", "refused to release him")
            "fail" | "unable" | "refuse" | "decline" if self.rel(x) == "xcomp" => Some(M::Negated),
            // what one escaped or evaded was not done to them ("narrowly escaped being killed",
            // "evaded arrest")
            "escape" | "evade" | "elude" => Some(M::Negated),
            // what is halted, suspended or called off before it is done is not done
            // ("suspended the execution of X", "halted his deportation"); only asked to be
            // ("requests to postpone the trial"), it is left to the words over it
            _ if self.halting(h) && !self.has_child(h, "mark", &["to"]) => Some(M::Negated),
            // what one has yet to do is not done ("Authorities have yet to charge him")
            "have" | "be" if self.rel(x) == "xcomp" && self.has_child(h, "advmod", &["yet"]) => {
                Some(M::Negated)
            }
            // what one vows or swears to do is a threat ("vowed to kill the blogger"); what one
            // promises, pledges, hopes or is expected to do is still to come
            "vow" | "swear" => Some(M::Threatened),
            "promise" | "pledge" | "hope" | "expect" | "prepare" => Some(M::Hypothetical),
            // what one is held awaiting is still to come ("held awaiting trial", "in custody
            // pending the outcome of her trial")
            "await" | "pend" | "pending" => Some(M::Hypothetical),
            // what is reported, said or believed of someone ("was reported killed", "is
            // believed to have been killed", "was said to have been tortured") is a claim
            "report" | "say" | "believe" | "think" | "rumour" | "rumor" | "presume"
            | "understand" | "suppose"
                if self.rel(x) == "xcomp" && self.passive(h) =>
            {
                Some(M::Alleged)
            }
            _ => None,
        }
    }

    /// Whether verb `v` is made passive ("was reported", "has been sentenced").
    pub fn passive(&self, v: usize) -> bool {
        self.children(v).any(|c| self.rel(c) == "aux:pass")
    }

    /// Whether word `w` is the "by …" agent of a passive ("was shot by two men").
    pub fn by_agent(&self, w: usize) -> bool {
        self.rel(w) == "obl:agent" && self.has_child(w, "case", &["by"])
    }

    /// Whether verb `v` is a headline's past participle, a passive with its auxiliary left out
    /// ("Rights defender Nasta Loika sentenced to seven years", "Journalist arrested in Minsk"):
    /// a past form with no auxiliary and nothing done to after it, in a line with no closing
    /// stop. Headlines tell what someone did in the present ("Court sentences …").
    pub fn headline_participle(&self, v: usize) -> bool {
        ends_as_headline(self.words.last().map(|w| &w.word))
            && matches!(self.words[v].word.xpos.as_str(), "VBD" | "VBN")
            && !self.children(v).any(|c| {
                let rel = self.rel(c);
                rel.starts_with("aux")
                    || rel == "cop"
                    || (c > v && matches!(rel, "obj" | "iobj" | "ccomp" | "xcomp"))
            })
    }

    /// Whether verb `v` is done by a pronoun, its active subject ("it fired", "they had
    /// detained"): in a complement of saying, the speaker telling what it did.
    fn done_by_pronoun(&self, v: usize) -> bool {
        self.children(v)
            .any(|c| self.rel(c) == "nsubj" && self.words[c].word.upos == "PRON")
    }

    /// Whether word `c` negates the word it hangs on: "not", "n't", "never".
    fn negates(&self, c: usize) -> bool {
        matches!(self.rel(c), "advmod" | "neg")
            && matches!(
                self.words[c].word.form.to_lowercase().as_str(),
                "not" | "n't" | "never"
            )
    }

    /// Whether word `x` is a noun for something told: a report, a claim, an allegation.
    fn telling_noun(&self, x: usize) -> bool {
        const TELLINGS: &[&str] = &[
            "report",
            "claim",
            "allegation",
            "account",
            "accusation",
            "suggestion",
            "rumour",
            "rumor",
            "speculation",
            "story",
            "assertion",
        ];
        self.words[x].word.upos == "NOUN"
            && TELLINGS.contains(&self.words[x].word.lemma.to_lowercase().as_str())
    }

    /// Whether the verb `v` is told as not done: negated ("could not confirm"), or what one
    /// refused, declined or failed to do ("refused to confirm").
    fn not_done(&self, v: usize) -> bool {
        let negated = self.children(v).any(|c| self.negates(c));
        let refused = self.rel(v) == "xcomp"
            && self.head(v).is_some_and(|h| {
                matches!(
                    self.words[h].word.lemma.to_lowercase().as_str(),
                    "refuse" | "decline" | "fail"
                )
            });
        negated || refused
    }

    /// How the grammar puts the act named at `trigger`, when it puts it otherwise than as
    /// done: the words that govern it, read up the tree from the act through the phrases it is
    /// an argument or complement of ("threatened to kill him", "at risk of honour killings",
    /// "demands their release", "denied that he was tortured", "tried to detain", "could face"),
    /// and its own clause's negation ("did not arrest") or condition ("if he was killed", "would
    /// be transferred").
    ///
    /// An act the sentence takes as given, named by a participle on a noun ("release the
    /// detained reporter", "threatened to kill the jailed activist", "demanded justice for the
    /// murdered journalist") or by a noun in a phrase of "into" or "over" on another noun
    /// ("called for an investigation into the killing", "protests over the arrest"), is not what
    /// is demanded, threatened or denied: it is told as done, or as the one who tells the
    /// sentence says it was (alleged).
    pub fn modality(&self, trigger: (usize, usize)) -> Option<casefile_model::Modality> {
        use casefile_model::Modality as M;
        let given = Cell::new(false);
        let m = self
            .governed(trigger, &given)
            .or_else(|| self.told_by(trigger))
            .or_else(|| self.said_after(trigger));
        match m {
            Some(M::Alleged) => m,
            _ if given.get() && self.in_reported_speech(trigger) => Some(M::Alleged),
            _ if given.get() => Some(M::Asserted),
            _ => m,
        }
    }

    /// Whether the act at `trigger` is in what a verb of saying reports, at any depth ("His
    /// lawyer said the detained man was beaten": the detention is the lawyer's account too).
    fn in_reported_speech(&self, trigger: (usize, usize)) -> bool {
        let Some(mut x) = self.head_of(trigger.0, trigger.1) else {
            return false;
        };
        while let Some(h) = self.head(x) {
            let saying = self.lemma_in(h, SAYING) || self.lemma_in(h, &["add", "write"]);
            if self.rel(x) == "ccomp" && saying {
                return true;
            }
            x = h;
        }
        false
    }

    /// What a speaker named after the sentence's own words says ("Supporter tortured in
    /// military detention, lawyer says", the parse hanging "says" beside the rest): the
    /// speaker's account, alleged, as "his lawyer said he was tortured" is.
    fn said_after(&self, trigger: (usize, usize)) -> Option<casefile_model::Modality> {
        let a = self.head_of(trigger.0, trigger.1)?;
        let root = std::iter::successors(Some(a), |&w| self.head(w)).last()?;
        self.children(root)
            .any(|p| {
                p > a
                    && self.rel(p) == "parataxis"
                    && SAYING.contains(&self.words[p].word.lemma.to_lowercase().as_str())
                    && self.children(p).any(|c| self.rel(c) == "nsubj")
            })
            .then_some(casefile_model::Modality::Alleged)
    }

    /// How a telling whose content the act is puts it, when no word governs it otherwise: what
    /// rumours or speculation say is supposed ("rumours that he had been killed"); what a
    /// report, a claim or an allegation says is alleged, and denied when the telling is called
    /// false ("allegations that officers had beaten him were baseless").
    fn told_by(&self, trigger: (usize, usize)) -> Option<casefile_model::Modality> {
        use casefile_model::Modality as M;
        const FALSE: &[&str] = &[
            "baseless",
            "false",
            "unfounded",
            "untrue",
            "groundless",
            "fabricated",
            "lie",
            "nonsense",
            "fake",
        ];
        let mut x = self.head_of(trigger.0, trigger.1)?;
        for _ in 0..8 {
            let h = self.head(x)?;
            let base = self.rel(x).split(':').next().unwrap_or("");
            if matches!(base, "acl" | "ccomp") && self.telling_noun(h) {
                let lemma = |w: usize| self.words[w].word.lemma.to_lowercase();
                // "allegations … were baseless", or the parse's "said allegations … were
                // 'baseless'", the falsity hung beside the telling
                let called_false = self.head(h).is_some_and(|p| {
                    (self.rel(h) == "nsubj" && FALSE.contains(&lemma(p).as_str()))
                        || self.children(p).any(|c| {
                            c > h
                                && matches!(self.rel(c), "ccomp" | "xcomp")
                                && FALSE.contains(&lemma(c).as_str())
                        })
                });
                return Some(match lemma(h).as_str() {
                    _ if called_false => M::Denied,
                    "rumour" | "rumor" | "speculation" => M::Hypothetical,
                    _ => M::Alleged,
                });
            }
            if !matches!(base, "conj" | "xcomp") {
                return None;
            }
            x = h;
        }
        None
    }

    /// The modality the words of `x`'s own clause give it: a negation ("did not", "no one was",
    /// "without", "instead of"), an attempt ("attempted murder"), a report only ("the reported
    /// torture"), a condition ("if"), a modal ("could", "will", "must").
    fn own_words_modality(&self, x: usize) -> Option<casefile_model::Modality> {
        use casefile_model::Modality as M;
        let form = |i: usize| self.words[i].word.form.to_lowercase();
        // a command: the sentence's verb in its base form with no auxiliary, marker or subject
        // but a title's topic before a colon ("Lebanon: Investigate Killing of X", "Egypt: Free
        // Jailed Activist"): asked for, not done
        if self.imperative(x) {
            return Some(M::Demanded);
        }
        for c in self.children(x) {
            let f = form(c);
            let rel = self.rel(c);
            let negation = self.negates(c);
            // "held without access to a lawyer", "without charge"
            let without = rel == "case" && f == "without";
            // no one did it, or it was done to no one: "No one has been arrested", "no
            // officer has been charged", "nobody was detained"
            let no_subject = rel.starts_with("nsubj")
                && (matches!(f.as_str(), "nobody" | "none" | "noone")
                    || self.has_child(c, "det", &["no"]));
            // what was done in place of it: "instead of being released", "rather than
            // released"
            let in_place_of = matches!(f.as_str(), "instead" | "rather")
                && self
                    .words
                    .get(c + 1)
                    .is_some_and(|n| matches!(n.word.form.to_lowercase().as_str(), "of" | "than"));
            // what nearly happened did not: "was nearly killed", "almost beaten to death"
            let nearly = rel == "advmod" && matches!(f.as_str(), "nearly" | "almost");
            if negation
                || without
                || no_subject
                || in_place_of
                || nearly
                || (rel == "det" && f == "no")
            {
                return Some(M::Negated);
            }
            // an attempt is no deed done: "attempted murder", "a failed abduction"; nor what may
            // come: "the possible arrest", "a planned trial"; a danger: "imminent execution"
            if rel == "amod" {
                match f.as_str() {
                    "attempted" | "failed" | "possible" | "potential" | "likely" | "probable"
                    | "planned" | "intended" | "expected" | "proposed" | "upcoming" | "future"
                    | "impending" => return Some(M::Hypothetical),
                    "threatened" => return Some(M::Threatened),
                    "feared" | "imminent" | "looming" => return Some(M::Feared),
                    _ => {}
                }
            }
            // what is only reported or suspected: "the reported torture of a lawyer", "an
            // alleged beating", "a suspected abduction"
            if rel == "amod"
                && matches!(
                    f.as_str(),
                    "reported" | "alleged" | "suspected" | "purported" | "presumed"
                )
            {
                return Some(M::Alleged);
            }
            // "an investigation needed into his death": asked for, not done
            if rel == "acl"
                && self.words[c].word.xpos == "VBN"
                && matches!(
                    self.words[c].word.lemma.to_lowercase().as_str(),
                    "need" | "require"
                )
            {
                return Some(M::Demanded);
            }
            if rel == "mark" && matches!(f.as_str(), "if" | "whether" | "unless") {
                return Some(M::Hypothetical);
            }

            // what one is held "pending" or "awaiting" is still to come ("detention pending
            // trial", the parse making "pending" a part of the noun)
            if c < x && matches!(f.as_str(), "pending" | "awaiting") {
                return Some(M::Hypothetical);
            }
            // "Should he be sentenced", "Had he been arrested": a condition
            let inverted = rel.starts_with("aux")
                && matches!(f.as_str(), "should" | "had" | "were")
                && self
                    .children(x)
                    .any(|s| self.rel(s).starts_with("nsubj") && c < s);
            if inverted {
                return Some(M::Hypothetical);
            }
            if rel.starts_with("aux") {
                match f.as_str() {
                    // what might be, and what is still to come ("will be charged")
                    f if STILL_TO_COME.contains(&f) => return Some(M::Hypothetical),
                    "must" | "should" => return Some(M::Demanded),
                    _ => {}
                }
            }
        }
        None
    }

    /// Whether verb `v` is a command: the root (or the word right after a title's colon), in its
    /// base form, with no auxiliary or marker, and no subject but a name before a colon (a
    /// title's topic, "Lebanon: Investigate …").
    fn imperative(&self, v: usize) -> bool {
        let subject_is_topic = |c: usize| self.words.get(c + 1).is_some_and(|n| n.word.form == ":");
        let after_colon = v
            .checked_sub(1)
            .is_some_and(|p| self.words[p].word.form == ":");
        (self.rel(v) == "root" || (after_colon && matches!(self.rel(v), "appos" | "parataxis")))
            && self.words[v].word.xpos == "VB"
            && !self.children(v).any(|c| {
                let rel = self.rel(c);
                rel.starts_with("aux")
                    || rel == "mark"
                    || (rel.starts_with("nsubj") && !subject_is_topic(c))
            })
    }

    /// [`Tree::modality`] as the words governing the act give it.
    /// `given` is set when the act is one the sentence takes as given (see [`Tree::modality`]).
    fn governed(&self, trigger: (usize, usize), given: &Cell<bool>) -> Option<Modality> {
        let lemma = |i: usize| self.words[i].word.lemma.to_lowercase();
        let act = self.head_of(trigger.0, trigger.1)?;
        if self.halted_noun(act) {
            return Some(Modality::Negated);
        }
        let mut x = act;
        // still in the act's own clause (and those joined to it by "and")
        let mut own = true;
        // the last step was an infinitive on a noun: "asked the court to overturn it", which
        // the parse may hang on the object ("court") rather than on the verb
        let mut infinitive = false;
        for _ in 0..8 {
            if let Some(m) = own.then(|| self.own_words_modality(x)).flatten() {
                return Some(m);
            }
            // a relative clause the parse hangs beside the sentence modifies the noun before it
            // ("told investigators he was held at a station in Grozny, where officers beat him")
            let (h, rel) = match self.misplaced_relative(x) {
                Some(n) => (n, "acl:relcl"),
                None => (self.head(x)?, self.rel(x)),
            };
            let base = rel.split(':').next().unwrap_or(rel);
            if let Some(m) = self.named_with(x, h, base, x == act) {
                return m;
            }
            // what one is protected, shielded or spared "from" is a danger, not a deed, wherever
            // the parse hangs the phrase under the verb ("ensure that she is protected from
            // torture and other ill-treatment", "protect the two men in custody from torture")
            let from = |w: usize| self.has_child(w, "case", &["from"]);
            if SHIELDING.contains(&lemma(h).as_str()) && (from(x) || from(act)) {
                return Some(Modality::Feared);
            }
            if self.needed(h, rel) {
                return Some(Modality::Demanded);
            }
            if (x == act && self.step_taken_for(x, h)) || self.time_still_to_come(x, h) {
                return Some(Modality::Hypothetical);
            }
            if let Some(m) = self.purpose_modality(x, h, act) {
                return Some(m);
            }
            // what is halted is the subject of the passive too ("The execution has been
            // stopped for now")
            // (or a headline's: "Execution halted")
            let undergoer = rel == "nsubj:pass" || (rel == "nsubj" && self.headline_participle(h));
            if undergoer && self.halting(h) {
                return Some(Modality::Negated);
            }
            if self.taken_as_given(act, x, h, base, given) {
                (own, x) = (false, h);
                continue;
            }
            // (an adverbial clause is told with its main clause: "was tortured before being
            // released on Monday, his lawyer said" is the lawyer's account of both)
            if !matches!(
                base,
                "xcomp" | "ccomp" | "obj" | "obl" | "nmod" | "acl" | "conj" | "csubj" | "advcl"
            ) {
                return None;
            }
            // a conjunct with a subject of its own is a clause of its own: the negation or the
            // modal of the first one is not its ("he did not flee, and he was arrested"; the
            // parse's "should investigate the death of X, 23, who died in custody")
            if base == "conj" && self.children(x).any(|c| self.rel(c).starts_with("nsubj")) {
                own = false;
            }
            // "beaten to death": the death is the beating's result, in its clause ("almost
            // beaten to death in custody" tells of no death)
            if base == "obl" && lemma(x) == "death" && self.has_child(x, "case", &["to"]) {
                x = h;
                continue;
            }
            if base != "conj" {
                // an open complement shares its governing verb's clause, and so the words that
                // make that verb hypothetical or negated ("he may be tortured to extract a
                // confession", "did not manage to escape"); so does the object of a verb that
                // only says it was done ("have not filed an indictment", "did not open an
                // investigation")
                own = own && (base == "xcomp" || self.support_verb(x) == Some(h));
                let case_is = |w: &str| self.has_child(x, "case", &[w]);
                // "called for his release", not "called it a kidnapping"
                let for_it = case_is("for");
                let to_do = base == "acl" && self.has_child(x, "mark", &["to"]);
                let asked_to_do = infinitive && base == "obj";
                infinitive = to_do;
                // a complement of the governing word ("threatened to kill", "demands the
                // release", "at risk of killings"), not a phrase beside it ("planned, according
                // to a statement")
                // "charged with murder": what one is charged with
                let charged_with = case_is("with") && CHARGING.contains(&lemma(h).as_str());
                // "acquitted him of torturing", "accused of beating": a gerund "of" completes
                let of_doing = base == "advcl" && self.has_child(x, "mark", &["of"]);
                let complement = matches!(base, "xcomp" | "ccomp" | "obj" | "csubj")
                    || (matches!(base, "nmod" | "obl" | "acl")
                        && (case_is("of") || for_it || charged_with))
                    || to_do
                    || of_doing;
                // a circumstance of another verb ("asked to comment on the arrest"): that
                // verb's words do not govern the act
                let circumstance = base == "obl" && self.words[h].word.upos == "VERB";
                if circumstance && !complement {
                    return None;
                }
                if !complement {
                    x = h;
                    continue;
                }
                // "called for his release", "asked the court to overturn it"
                // "calls on the authorities to quash it", "renewed calls to free him"
                let asked = for_it || asked_to_do || to_do || matches!(base, "xcomp" | "ccomp");
                let m = self.governing_word(h, x, asked);
                if m.is_some() {
                    return m;
                }
            }
            x = h;
        }
        None
    }

    /// Whether the act `act`, at the step of [`Tree::governed`]'s walk from `x` to `h` (by
    /// `base`), is one the sentence takes as given (see [`Tree::modality`]): a participle on a
    /// noun ("the detained reporter"), or the act's noun in a phrase of "into" or "over" on
    /// another noun that is not what governs it ("an investigation into the killing", "protests
    /// over the arrest"; not "in", a setting that may be feared with what it is the setting of,
    /// "at risk of torture in detention", nor "for", a purpose, "a warrant for the arrest").
    /// Sets `given` so; true for the participle, whose walk goes on from its noun, the noun's
    /// own words left ("the detained reporter").
    fn taken_as_given(
        &self,
        act: usize,
        x: usize,
        h: usize,
        base: &str,
        given: &Cell<bool>,
    ) -> bool {
        let noun = |w: usize| self.words[w].word.upos == "NOUN";
        let participle =
            base == "amod" && matches!(self.words[x].word.upos.as_str(), "VERB" | "ADJ");
        let about = base == "nmod"
            && noun(x)
            && noun(h)
            && self.has_child(x, "case", &["into", "over"])
            && self.governing_word(h, x, false).is_none();
        if x == act && (participle || about) {
            given.set(true);
        }
        x == act && participle
    }

    /// Whether word `w` is a verb of halting ([`HALTING`]).
    fn halting(&self, w: usize) -> bool {
        self.lemma_in(w, HALTING)
    }

    /// Whether an act's noun `n` has a participle of halting on it ("Execution halted", "the
    /// deportation suspended by the court"): not done.
    fn halted_noun(&self, n: usize) -> bool {
        self.children(n)
            .any(|c| self.rel(c) == "acl" && self.words[c].word.xpos == "VBN" && self.halting(c))
    }

    /// Whether what hangs on `h` by `rel` is needed or required: asked for, not done ("an
    /// independent investigation is needed", "Investigation needed into death in custody",
    /// "requires protection").
    fn needed(&self, h: usize, rel: &str) -> bool {
        matches!(
            self.words[h].word.lemma.to_lowercase().as_str(),
            "need" | "require"
        ) && (rel == "nsubj:pass"
            || rel == "obj"
            || (rel == "nsubj" && self.headline_participle(h)))
    }

    /// Whether the act's word `x`, on verb `h`, is a step of a proceeding someone is taken
    /// "for": its purpose, still to come ("detained him for questioning", "were taking him for
    /// questioning", "sent for trial"); a bare noun ("for the trial of X" names one), or a
    /// gerund, as the parse may read it, with nothing it acts on (not "arrested for
    /// questioning the decree").
    fn step_taken_for(&self, x: usize, h: usize) -> bool {
        matches!(self.rel(x), "obl" | "nmod" | "advcl")
            && self.words[h].word.upos == "VERB"
            && (self.has_child(x, "case", &["for"]) || self.has_child(x, "mark", &["for"]))
            && !self
                .children(x)
                .any(|c| matches!(self.rel(c), "det" | "nmod:poss" | "obj"))
            && PROCEEDING_STEPS.contains(&self.words[x].word.form.to_lowercase().as_str())
    }

    /// Whether clause `x` is a clause of time in the present ("when he is sentenced", "once she
    /// is released") on a verb `h` told as still to come ("could face", "will be freed"): what
    /// it tells has not happened yet.
    fn time_still_to_come(&self, x: usize, h: usize) -> bool {
        const OPENERS: &[&str] = &["when", "once", "until", "after", "before", "if"];
        let present = |w: usize| {
            matches!(self.words[w].word.xpos.as_str(), "VBZ" | "VBP")
                || self.children(w).any(|c| {
                    self.rel(c).starts_with("aux")
                        && matches!(self.words[c].word.xpos.as_str(), "VBZ" | "VBP")
                })
        };
        self.time_clause(x, OPENERS) && present(x) && self.has_child(h, "aux", STILL_TO_COME)
    }

    /// The noun a relative clause modifies when the parse hangs the clause beside the sentence
    /// rather than on it ("held at a police station in Grozny, where officers beat him", with
    /// "beat" a parataxis of the sentence's verb): the noun right before the comma and the
    /// relative word that open the clause. None for a clause the parse places on its noun.
    fn misplaced_relative(&self, x: usize) -> Option<usize> {
        if self.rel(x) != "parataxis" {
            return None;
        }
        let opener = self.children(x).find(|&c| {
            c < x
                && matches!(
                    self.words[c].word.form.to_lowercase().as_str(),
                    "where" | "when" | "who" | "whom" | "which"
                )
        })?;
        let comma = opener.checked_sub(1)?;
        let noun = comma.checked_sub(1)?;
        (self.words[comma].word.form == ","
            && matches!(self.words[noun].word.upos.as_str(), "NOUN" | "PROPN"))
        .then_some(noun)
    }

    /// The modality an act's noun `x` takes from the noun or the clause it names a part of
    /// (`h`, by relation `base`), when that settles it: Some(None) for a compound that says
    /// nothing of it. "a murder attempt" (no deed done), "torture risk", "death threats" (a
    /// danger, a threat; on the act's own word, `first`, also two nouns in a row the parse of a
    /// title in capitals misses: "Deported Despite Torture Risk"), "A guilty verdict would send
    /// a message" (an act with "a", subject of what would or could be: one that may come).
    fn named_with(
        &self,
        x: usize,
        h: usize,
        base: &str,
        first: bool,
    ) -> Option<Option<casefile_model::Modality>> {
        use casefile_model::Modality as M;
        let noun = |w: usize| matches!(self.words[w].word.upos.as_str(), "NOUN" | "PROPN");
        let some_act = self.words[x].word.upos == "NOUN" && self.has_child(x, "det", &["a", "an"]);
        if base == "nsubj"
            && some_act
            && self.has_child(h, "aux", &["would", "could", "might", "will", "may"])
            && !self.has_child(h, "aux", &["have"])
        {
            return Some(Some(M::Hypothetical));
        }
        let next = x + 1;
        if first && base != "compound" && next < self.words.len() && noun(x) && noun(next) {
            if let Some(m) = self.governing_word(next, x, false) {
                return Some(Some(m));
            }
        }
        (base == "compound").then(|| match self.words[h].word.lemma.to_lowercase().as_str() {
            "attempt" => Some(M::Hypothetical),
            _ => self.governing_word(h, x, false),
        })
    }

    /// The first of the clauses coordinated with clause `c` ("detained on Monday and tortured":
    /// "detained").
    fn first_conjunct(&self, mut c: usize) -> usize {
        for _ in 0..self.words.len() {
            match self.head(c).filter(|_| self.rel(c) == "conj") {
                Some(h) => c = self.clause_of(h, false),
                None => break,
            }
        }
        c
    }

    /// How the phrase at `span` (a time, a place) stands to the clause of the act at
    /// `trigger`: 0 when it modifies the act's own clause, 1 a clause coordinated with it
    /// ("detained on Monday and tortured"), 2 the verb of saying that reports it as recent news
    /// (see [`Tree::recent_news`]), None any other clause: the verb of saying over it
    /// ("said on Monday that he was killed"), a clause on one of its nouns, a clause of "after".
    /// With `said_apart` false, a noun that is what a verb of saying says shares the saying's
    /// clause (see [`Tree::clause_of`]).
    pub fn clause_distance(
        &self,
        span: (usize, usize),
        trigger: (usize, usize),
        said_apart: bool,
    ) -> Option<u8> {
        let a = self.head_of(trigger.0, trigger.1)?;
        let p = self.head_of(span.0, span.1)?;
        let act = self.clause_of(a, said_apart);
        // the word the phrase modifies, and the clause that word is in; a time or place
        // modifies an act or a thing, never a person's name or a pronoun: where the parse
        // says so ("the journalist Irina Volkova in Marevo on March 9"), it modifies the verb
        // nearest before it
        let mut modified = self.head(p).unwrap_or(p);
        // a year that is a word of a name ("the 2022 Nobel Peace Prize", "the 2020 Belarus
        // election" read as a name) says which thing the name is, and dates no act
        if matches!(self.rel(p), "nummod" | "compound" | "amod")
            && self.words[modified].word.upos == "PROPN"
            && p < modified
        {
            return None;
        }
        // nor the subject: a phrase the parse hangs inside the subject ("a judge from the
        // court on Wednesday found her guilty") modifies the subject's verb
        if let Some(v) = self.verb_of_subject(modified) {
            modified = v;
        } else if matches!(self.words[modified].word.upos.as_str(), "PROPN" | "PRON") {
            if let Some(v) = (0..p).rev().find(|&v| self.words[v].word.upos == "VERB") {
                modified = v;
            }
        }
        // a phrase the parse hangs on a verb after a verb joined to it by "and" is the
        // latter's ("arrested in 2019 and released on bail in 2020": 2020 is the release's)
        if self.words[modified].word.upos == "VERB" {
            if let Some(c) = self
                .children(modified)
                .filter(|&c| self.rel(c) == "conj" && modified < c && c < p)
                .max()
            {
                modified = c;
            }
        }
        let at = self.clause_of(modified, said_apart);
        if act == at {
            Some(0)
        } else if self.first_conjunct(act) == self.first_conjunct(at)
            && (at <= act || (!self.own_clause(at) && modified == at && !self.lasts_a_while(act)))
        {
            // a time on a clause dates the clauses joined after it ("detained on Monday and
            // tortured"), and verbs sharing their subject and auxiliary ("were arrested and
            // tortured in April 2020"), but not a clause before one of its own ("were
            // relocated to Moscow, but were returned in February": no relocation in February),
            // nor a phrase of what the later verb says is to be done ("beat me and threatened
            // to send me back to Uzbekistan": no beating in Uzbekistan)
            Some(1)
        } else if (act == a || self.support_verb(a) == Some(act))
            && self.recent_news(act, at, !said_apart)
        {
            Some(2)
        } else {
            None
        }
    }

    /// Whether verb `v` is told as lasting a span of its own ("searched for him for months"):
    /// a time of a verb joined after it ("… and died in May 2021") is not its.
    fn lasts_a_while(&self, v: usize) -> bool {
        self.children(v).any(|c| {
            self.rel(c) == "obl" && self.has_child(c, "case", &["for"]) && self.lemma_in(c, LENGTHS)
        })
    }

    /// Whether verb `v` has a subject or an auxiliary of its own: a clause, not a verb sharing
    /// those of the one it is joined to.
    fn own_clause(&self, v: usize) -> bool {
        self.children(v).any(|c| {
            let rel = self.rel(c);
            rel.starts_with("nsubj") || rel.starts_with("aux") || rel == "cop"
        })
    }

    /// The verb whose subject common noun `w` is, or is inside (in apposition, a modifier, a
    /// part of its name). A name or pronoun is left to the rule for them, as the parse often
    /// takes a name after an object for a subject.
    fn verb_of_subject(&self, mut w: usize) -> Option<usize> {
        if self.words[w].word.upos != "NOUN" {
            return None;
        }
        for _ in 0..self.words.len() {
            let rel = self.rel(w);
            if rel.starts_with("nsubj") {
                return self.head(w);
            }
            if !matches!(
                rel.split(':').next().unwrap_or(rel),
                "appos" | "nmod" | "compound" | "flat" | "conj"
            ) {
                return None;
            }
            w = self.head(w)?;
        }
        None
    }

    /// Whether the act of clause `act`, told in the present perfect or the simple past, is what
    /// the verb of saying of clause `at` reports ("authorities have granted him protection, the
    /// website reported Thursday", "the court announced prison sentences, state media reported
    /// Monday"): news told so happened by the time it is reported, and the report's time is the
    /// only one the sentence gives it. Not the past perfect ("had been arrested"), which puts the
    /// act further back; but with a month or a year (`coarse`), which dates what is said, the
    /// past perfect of what a verb of saying in the past reports is what was said shifted back
    /// ("said in May that they had pardoned the killers": "we have pardoned"), done by then (a
    /// day there dates only the saying: "said on Saturday that he had been killed").
    fn recent_news(&self, act: usize, at: usize, coarse: bool) -> bool {
        let reported = |clause: usize, verb: usize| {
            self.head(clause) == Some(verb) && matches!(self.rel(clause), "ccomp" | "parataxis")
        };
        let simple_past = self.words[act].word.xpos == "VBD"
            && !self.children(act).any(|c| self.rel(c).starts_with("aux"));
        let shifted_back = coarse
            && self.past_perfect(act)
            && self.words[at].word.xpos == "VBD"
            && self.head(act) == Some(at)
            && self.rel(act) == "ccomp";
        (self.present_perfect(act) || simple_past || shifted_back)
            && self.is_speech(at)
            && (reported(act, at) || reported(at, act))
    }

    /// Whether word `w` is `top` or hangs below it.
    fn within(&self, mut w: usize, top: usize) -> bool {
        for _ in 0..=self.words.len() {
            if w == top {
                return true;
            }
            match self.head(w) {
                Some(h) => w = h,
                None => return false,
            }
        }
        false
    }

    /// Whether verb `v` is in the past perfect ("had pardoned", "had been arrested").
    fn past_perfect(&self, v: usize) -> bool {
        self.children(v).any(|c| {
            self.rel(c).starts_with("aux")
                && self.words[c].word.lemma == "have"
                && self.words[c].word.xpos == "VBD"
        })
    }

    /// Whether verb `v` is in the present perfect ("has reduced", "have been arrested").
    pub fn present_perfect(&self, v: usize) -> bool {
        let present_have = |w: usize| {
            self.words[w].word.lemma == "have"
                && matches!(self.words[w].word.xpos.as_str(), "VBP" | "VBZ")
        };
        self.children(v)
            .any(|c| self.rel(c).starts_with("aux") && present_have(c))
            // a "has" the parse made the verb, of a participle right after it with no "to"
            // ("has satisfying the request", a slip for "has satisfied"): the perfect still
            || (present_have(v)
                && self.children(v).any(|c| {
                    self.rel(c) == "xcomp"
                        && c == v + 1
                        && matches!(self.words[c].word.xpos.as_str(), "VBN" | "VBG")
                }))
    }

    /// Whether the act at `start..end` is told in the present tense, simple or progressive (its
    /// clause's finite verb or auxiliary is a present form: "Freedom House demands", "All Out
    /// is running a campaign"; not the perfect, "has detained", which reaches into the past):
    /// what stands as the report is written, not a step of a past narrative. The byte offset of
    /// that present form, so that a caller may set aside one inside a quotation, whose present
    /// is the speaker's.
    pub fn present_form(&self, start: usize, end: usize) -> Option<usize> {
        let a = self.head_of(start, end)?;
        let mut c = self.clause_of(a, false);
        let present = |w: usize| matches!(self.words[w].word.xpos.as_str(), "VBZ" | "VBP");
        for _ in 0..self.words.len() {
            let finite: Vec<usize> = self
                .children(c)
                .filter(|&x| matches!(self.rel(x), "aux" | "aux:pass" | "cop"))
                .collect();
            let verb = matches!(self.words[c].word.upos.as_str(), "VERB" | "AUX");
            if let Some(&first) = finite.first() {
                // "has detained", "have been held": the perfect reaches back into the past
                let perfect = self.words[first].word.lemma == "have";
                return (!perfect && present(first)).then_some(self.words[first].start);
            }
            if present(c) {
                return Some(self.words[c].start);
            }
            // the second of verbs joined by "and" takes the first's auxiliary
            c = self.head(c).filter(|_| verb && self.rel(c) == "conj")?;
        }
        None
    }

    /// Whether the act at `start..end` is named as the source of what is told ("according to an
    /// independent UN probe"): a work the writer cites, not a step of the narrative.
    pub fn cited_as_source(&self, start: usize, end: usize) -> bool {
        self.head_of(start, end)
            .is_some_and(|h| self.has_child(h, "case", &["according"]))
    }

    /// The verb of saying whose complement clause holds the act at `start..end` ("authorities
    /// claim the men had confessed": "claim"), through verbs joined by "and".
    pub fn saying_over(&self, start: usize, end: usize) -> Option<usize> {
        let mut c = self.clause_of(self.head_of(start, end)?, false);
        for _ in 0..self.words.len() {
            let h = self.head(c)?;
            match self.rel(c) {
                "conj" => c = h,
                "ccomp" | "parataxis" if self.is_speech(h) => return Some(h),
                _ => return None,
            }
        }
        None
    }

    /// Whether the act at `start..end` is told by a source in the present ("authorities claim
    /// the men had confessed", "his family says he was beaten"): the source's account as the
    /// report is written, which puts the act at no day the narrative has reached. The byte
    /// offset of the present form, as [`Tree::present_form`] gives it.
    pub fn said_in_present(&self, start: usize, end: usize) -> Option<usize> {
        let say = self.saying_over(start, end)?;
        let w = &self.words[say];
        self.present_form(w.start, w.end)
    }

    /// Whether the verb at `ask` asks for the act at `act`: the act lies in its phrase and the
    /// grammar puts it as demanded ("asked the court to overturn the sentence"), or as not to
    /// be done ("asked Turkey not to deport him").
    pub fn asks_for(&self, ask: (usize, usize), act: (usize, usize)) -> bool {
        let (Some(v), Some(a)) = (self.head_of(ask.0, ask.1), self.head_of(act.0, act.1)) else {
            return false;
        };
        // asked for, or asked not to be done ("asked Turkey not to deport him")
        let modality = self.modality(act);
        let not_to = modality == Some(casefile_model::Modality::Negated)
            && self.has_child(a, "mark", &["to"])
            && self.has_child(a, "advmod", &["not"]);
        if a == v || (modality != Some(casefile_model::Modality::Demanded) && !not_to) {
            return false;
        }
        // up from the act to the asking through complements only: "to overturn" on the verb
        // or its object, "for her release"; not a phrase of what is asked ("to comment on the
        // arrest")
        let mut w = a;
        for _ in 0..self.words.len() {
            let Some(h) = self.head(w) else {
                return false;
            };
            let rel = self.rel(w);
            let marked = |word: &str| {
                self.children(w)
                    .any(|c| self.words[c].word.form.eq_ignore_ascii_case(word))
            };
            let complement = matches!(rel, "xcomp" | "ccomp" | "obj" | "conj")
                || (rel == "acl" && marked("to"))
                || (matches!(rel, "obl" | "nmod") && marked("for"));
            if !complement {
                return false;
            }
            if h == v {
                return true;
            }
            w = h;
        }
        false
    }

    /// What became of the request, appeal or petition at `trigger`, as the words tied to it in
    /// the grammar say: the verb it is the object or the passive subject of ("the court
    /// rejected the appeal", "her requests had been refused", "the petition was granted"), the
    /// verb or adjective it is the subject of ("the appeal failed", "the appeal is pending"), a
    /// verb of refusal joined to the asking verb by "but" ("asked for protection but was
    /// refused"), or "successfully". Words elsewhere in the sentence say nothing of it ("The
    /// family rejected the police's account and demanded an inquiry").
    pub fn answer(&self, trigger: (usize, usize)) -> Option<casefile_model::Answer> {
        use casefile_model::Answer as A;
        let h = self.head_of(trigger.0, trigger.1)?;
        let of = |w: usize| -> Option<A> {
            match self.words[w].word.lemma.to_lowercase().as_str() {
                "refuse" | "reject" | "deny" | "dismiss" | "decline" | "fail" | "overrule"
                | "strike" => Some(A::Refused),
                "grant" | "approve" | "accept" | "satisfy" | "uphold" | "succeed" | "win" => {
                    Some(A::Granted)
                }
                "pending" | "pend" | "await" => Some(A::Pending),
                _ => None,
            }
        };
        if self.has_child(h, "advmod", &["successfully"]) {
            return Some(A::Granted);
        }
        let rel = self.rel(h);
        if self.words[h].word.upos == "NOUN" {
            // the verb it is the object or the subject of; "pending" may hang on it
            let governor = self
                .head(h)
                .filter(|_| matches!(rel, "obj" | "nsubj" | "nsubj:pass"));
            return governor.and_then(of).or_else(|| {
                self.children(h)
                    .find(|&c| matches!(self.rel(c), "amod" | "acl"))
                    .and_then(|c| of(c).filter(|a| *a == A::Pending))
            });
        }
        // the asking verb: a refusal joined to it ("but was refused")
        self.children(h)
            .filter(|&c| self.rel(c) == "conj" && self.has_child(c, "cc", &["but"]))
            .find_map(of)
    }

    /// Whether the time at `start..end` is a word put before a noun to say which one it is
    /// ("the January protests", "the 2018 elections"): that thing's time.
    pub fn before_a_noun(&self, start: usize, end: usize) -> bool {
        let inside = |i: usize| self.words[i].start >= start && self.words[i].end <= end;
        let Some(last) = (0..self.words.len()).rev().find(|&i| inside(i)) else {
            return false;
        };
        // the noun right after it, which its last word or its head modifies (the parse may
        // hang a day's number on the noun and its month elsewhere: "the March 3 protests")
        let noun = last + 1;
        noun < self.words.len()
            && self.words[noun].word.upos == "NOUN"
            && (self.head(last) == Some(noun)
                || self
                    .head_of(start, end)
                    .is_some_and(|w| self.rel(w) == "compound" && self.head(w) == Some(noun)))
    }

    /// Whether the act named by the noun at `start..end` is what a verb undoes ("Prosecutors
    /// dropped the charges in April", "commuted the death sentence"): done before that verb, at
    /// a time the sentence does not give.
    pub fn undone(&self, start: usize, end: usize) -> bool {
        self.head_of(start, end).is_some_and(|n| {
            self.words[n].word.upos == "NOUN"
                && self.rel(n) == "obj"
                && self.head(n).is_some_and(|h| self.lemma_in(h, UNDOING))
        })
    }

    /// Whether the time at `start..end` dates a clause told in the past perfect ("said it had
    /// granted him protection in 2022"): a time before the one the story has reached, told
    /// looking back, which the acts told after it do not take.
    pub fn dates_past_perfect(&self, start: usize, end: usize) -> bool {
        let Some(mut w) = self.head_of(start, end) else {
            return false;
        };
        // the clause it is in: the first verb up from it, and the verb an open complement or a
        // participle with no subject of its own shares its clause with ("had failed to report
        // … in 2020", "had fled Georgia after surviving an assassination attempt in 2015")
        let shares = |w: usize| {
            self.rel(w) == "xcomp"
                || (self.rel(w) == "advcl"
                    && self.words[w].word.xpos == "VBG"
                    && !self.children(w).any(|c| self.rel(c).starts_with("nsubj")))
        };
        for _ in 0..self.words.len() {
            if self.words[w].word.upos == "VERB" {
                while shares(w) {
                    match self.head(w) {
                        Some(h) => w = h,
                        None => break,
                    }
                }
                let (s, e) = (self.words[w].start, self.words[w].end);
                return self.told_before(s, e);
            }
            match self.head(w) {
                Some(h) => w = h,
                None => return false,
            }
        }
        false
    }

    /// Whether the act at `start..end` is told in the past perfect ("the men had originally been
    /// arrested", "had been detained and questioned"), itself, as a verb joined by "and" to one
    /// so told, or as a noun that verb's clause is about ("had filed an appeal", "had refused
    /// their requests"), or as an infinitive of what that clause was for or tried ("had been on
    /// hunger strike for six months to demand his release"): before the time the narrative has
    /// reached, whose day does not date it.
    pub fn told_before(&self, start: usize, end: usize) -> bool {
        let Some(mut v) = self.head_of(start, end) else {
            return false;
        };
        if self.words[v].word.upos == "NOUN"
            && matches!(self.rel(v), "obj" | "nsubj" | "nsubj:pass" | "obl")
        {
            v = self.head(v).unwrap_or(v);
        }
        for _ in 0..self.words.len() {
            if self.past_perfect(v) {
                return true;
            }
            let infinitive = matches!(self.rel(v), "advcl" | "acl" | "xcomp")
                && self.has_child(v, "mark", &["to"]);
            match self.head(v).filter(|_| self.rel(v) == "conj" || infinitive) {
                Some(h) => v = h,
                None => return false,
            }
        }
        false
    }

    /// Whether the act at `start..end` is a verb told in the present perfect, itself, as the
    /// second of verbs joined by "and" ("has upheld the appeal and reduced the term") or as the
    /// object of a verb that only says it was done ("have filed an appeal"), and not
    /// of a state that lasts ("has been held since"): news, done by the time it is reported.
    pub fn done_by_now(&self, start: usize, end: usize) -> bool {
        let Some(mut v) = self.head_of(start, end) else {
            return false;
        };
        // a noun of an act told by a verb that only says it was done: "have filed an appeal"
        v = self.support_verb(v).unwrap_or(v);
        self.words[v].word.upos == "VERB"
            && self
                .first_perfect(v, |_| true)
                .is_some_and(|p| !self.lasting(p))
    }

    /// The first word in present perfect that `accept` takes, from verb `v` up through the verbs
    /// it is joined to by "and" ("has upheld the appeal and reduced her term": "upheld").
    fn first_perfect(&self, mut v: usize, accept: impl Fn(usize) -> bool) -> Option<usize> {
        for _ in 0..self.words.len() {
            if accept(v) && self.present_perfect(v) {
                return Some(v);
            }
            v = self.head(v).filter(|_| self.rel(v) == "conj")?;
        }
        None
    }

    /// Whether verb `v` tells a state lasting to now: "since …", "for three years", "still"
    /// anywhere in its phrases ("for" of a length of time, not of a reason: "sentenced for the
    /// killing").
    fn lasting(&self, v: usize) -> bool {
        let length = |w: usize| {
            self.head(w).is_some_and(|n| {
                let lemma = self.words[n].word.lemma.to_lowercase();
                LENGTHS.contains(&lemma.as_str()) || matches!(lemma.as_str(), "time" | "while")
            })
        };
        (0..self.words.len()).any(|w| {
            let form = self.words[w].word.form.to_lowercase();
            (matches!(form.as_str(), "since" | "still") || (form == "for" && length(w)))
                && self.within(w, v)
        })
    }

    /// The word of the present perfect the act at `start..end` is told in, done and not a state
    /// lasting to now ("has threatened to crush the unrest", "and has threatened" sharing the
    /// first verb's "has"; not "has been held since her detention"), if any: its verb, so that
    /// a caller may set aside one inside a quotation.
    pub fn in_present_perfect(&self, start: usize, end: usize) -> Option<usize> {
        let v = self.head_of(start, end)?;
        let v = self.support_verb(v).unwrap_or(v);
        self.first_perfect(v, |w| self.words[w].word.upos == "VERB")
            .filter(|&p| !self.lasting(p))
    }

    /// A noun for a person right before the name at `span`, which the name is then in
    /// apposition to ("abducted the journalist Imran Shah", "shot dead the activist Juan
    /// López"), whatever the parse hangs it on; or set off by commas after it ("the abduction
    /// of the applicant's son, Ruslan Magomedov, by armed men").
    fn person_noun_before(&self, span: (usize, usize)) -> Option<usize> {
        let last_before = (0..self.words.len())
            .rev()
            .find(|&w| self.words[w].end <= span.0)?;
        let comma = |w: usize| self.words[w].word.form == ",";
        let closed = (0..self.words.len())
            .find(|&w| self.words[w].start >= span.1)
            .is_some_and(comma);
        match comma(last_before) {
            true if closed && last_before > 0 => {
                Some(last_before - 1).filter(|&n| self.names_a_person(n))
            }
            true => None,
            false => Some(last_before)
                .filter(|&w| self.words[w].end + 1 >= span.0 && self.person_noun(w)),
        }
    }

    /// A passive verb `t` the parse gave no subject: the name at `span` (headed by `m`) right
    /// before its auxiliary, hung on a noun before it as an apposition, undergoes it ("five
    /// days after the killing, reporter X was shot dead").
    fn subject_hung_elsewhere(
        &self,
        span: (usize, usize),
        m: usize,
        t: usize,
    ) -> Option<(Tie, String)> {
        let next = (0..self.words.len()).find(|&w| self.words[w].start >= span.1)?;
        let subjectless = !self.children(t).any(|c| self.rel(c).starts_with("nsubj"));
        (subjectless
            && self.rel(m) == "appos"
            && self.head(next) == Some(t)
            && self.rel(next) == "aux:pass")
            .then(|| {
                let why = format!(
                    "the name right before “{}” of “{}”, which has no subject in the parse",
                    self.words[next].word.form, self.words[t].word.form
                );
                (Tie::Undergoer, why)
            })
    }

    /// The kind of tie of `dep`, a dependent of the act word `t`.
    /// Whether phrase `dep` is one of company: "along with his deputy", "together with her
    /// son" ("together" the parse may hang on the verb), "alongside X".
    fn along_with(&self, dep: usize) -> bool {
        let with = self.children(dep).find(|&c| {
            self.rel(c) == "case" && self.words[c].word.form.eq_ignore_ascii_case("with")
        });
        let form = |w: usize| self.words[w].word.form.to_lowercase();
        self.has_child(dep, "case", &["along", "together", "alongside"])
            || with.is_some_and(|w| w > 0 && matches!(form(w - 1).as_str(), "along" | "together"))
    }

    fn tie_of(&self, dep: usize, t: usize) -> Tie {
        let verb = matches!(self.words[t].word.upos.as_str(), "VERB" | "AUX");
        match self.rel(dep) {
            // the subject of a verb made passive ("has been sentenced") undergoes it, whatever
            // relation the parser gave it
            "nsubj" if verb && (self.passive(t) || self.headline_participle(t)) => Tie::Undergoer,
            "nsubj" if verb => Tie::Doer,
            "nsubj:pass" | "obj" | "iobj" => Tie::Undergoer,
            // an agent is a "by" phrase; what the parse calls one with no "by", right after the
            // verb ("police detained journalist Mehmet Yilmaz" misread), is its object
            "obl:agent" if self.by_agent(dep) => Tie::Doer,
            "obl:agent" if dep > t && !self.children(dep).any(|c| self.rel(c) == "case") => {
                Tie::Undergoer
            }
            "obl:agent" => Tie::Other,
            // "detained Bialiatski along with his deputy", "was arrested together with her
            // son": the phrase shares the part of the object, or else of the subject; before
            // the verb, of the subject ("police, along with soldiers, detained him")
            "obl" if verb && self.along_with(dep) => {
                let core = |rels: &[&str]| self.children(t).find(|&c| rels.contains(&self.rel(c)));
                let shared = match dep < t {
                    true => core(&["nsubj", "nsubj:pass"]),
                    false => core(&["obj", "nsubj:pass"]).or_else(|| core(&["nsubj"])),
                };
                match shared {
                    Some(o) if o != dep => self.tie_of(o, t),
                    _ => Tie::Other,
                }
            }
            // "the Khashoggi killing"
            "compound" if !verb => Tie::Undergoer,
            // "the arrest of X", "X's arrest"
            "nmod" | "nmod:poss" if !verb => {
                let by = self.children(dep).any(|c| {
                    self.rel(c) == "case" && self.words[c].word.form.eq_ignore_ascii_case("by")
                });
                if by {
                    Tie::Doer
                } else if self.rel(dep) == "nmod:poss" {
                    Tie::Possessor
                } else {
                    Tie::Undergoer
                }
            }
            _ => Tie::Other,
        }
    }
}

/// How a name stands to an act in the grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tie {
    /// The act's doer: the subject of an active verb, the agent of a passive ("by …").
    Doer,
    /// The one the act is done to: object, passive subject, "the arrest of X", "the men detained".
    Undergoer,
    /// The possessor of a noun naming the act ("her arrest", "the prosecutor's request"):
    /// the one it befell or the one who did it, as the kind of act says (see
    /// [`Tie::of_possessor`]).
    Possessor,
    /// Tied otherwise (a time, a place, an instrument, a clause).
    Other,
}

impl Tie {
    /// The tie with a possessor read for an act done to someone (`done_to`: "her arrest",
    /// "Musaeva's sentence": she underwent it) or for one a party takes ("her appeal", "the
    /// prosecutor's request", "Amnesty's statement": they made it).
    pub fn of_possessor(self, done_to: bool) -> Tie {
        match self {
            Tie::Possessor if done_to => Tie::Undergoer,
            Tie::Possessor => Tie::Doer,
            t => t,
        }
    }
}

/// The treebank's words of `text[start..end]`, with byte ranges in `text`. An abbreviation
/// keeps its period, as the treebank writes it ("Mr.", "Dr.", "Sept."), unless the period ends
/// the sentence: a stray "." inside a sentence makes the parser read two.
pub fn words(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let split: Vec<(usize, usize)> = text::tokens(text, start, end)
        .into_iter()
        .flat_map(|t| {
            casefile_syntax::words::split(t.text(text))
                .into_iter()
                .map(move |(a, b)| (t.start + a, t.start + b))
        })
        .collect();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(split.len());
    for (i, &(a, b)) in split.iter().enumerate() {
        let last = i + 1 == split.len();
        match out.last_mut() {
            Some(prev)
                if &text[a..b] == "."
                    && prev.1 == a
                    && !last
                    && text::is_abbreviation(&text[prev.0..prev.1]) =>
            {
                prev.1 = b
            }
            _ => out.push((a, b)),
        }
    }
    out
}

/// The trees of one document's sentences, each parsed once whichever step asks for it (quotes
/// and events read the grammar of many of the same sentences).
#[derive(Default)]
pub struct Trees(std::collections::HashMap<TreeKey, Tree>);

/// A sentence (start, end) and the byte ranges of the names in it.
type TreeKey = (usize, usize, Vec<(usize, usize)>);

impl Trees {
    /// The tree of `text[start..end]` with the words inside `names` known to be parts of proper
    /// names ([`parse_names`] with the shipped model), parsed when first asked for.
    pub fn get(
        &mut self,
        text: &str,
        start: usize,
        end: usize,
        names: Vec<(usize, usize)>,
    ) -> &Tree {
        self.0
            .entry((start, end, names))
            .or_insert_with_key(|(s, e, n)| {
                parse_names(casefile_syntax::shipped(), text, *s, *e, n)
            })
    }
}

/// Parse one sentence of `text` with the shipped model.
pub fn parse(text: &str, start: usize, end: usize) -> Tree {
    parse_with(casefile_syntax::shipped(), text, start, end)
}

/// Parse one sentence of `text` with `model`.
pub fn parse_with(model: &Analyzer, text: &str, start: usize, end: usize) -> Tree {
    parse_names(model, text, start, end, &[])
}

/// A common noun right before a name is the name's title ("a close associate of Chechen
/// strongman Ramzan Kadyrov, Akhmed Dudayev, claimed"): where the parse hangs the noun as
/// another noun's modifier ("associate of strongman") and the name apart from it (as the
/// verb's subject), the name takes the noun's place and the noun becomes its title
/// (compound), with the noun's preposition. The name's own dependents stay with it.
fn title_before_name(words: &mut [casefile_syntax::conllu::Word], in_name: &[bool]) {
    let mut i = 1;
    while i < words.len() {
        if !in_name[i] || in_name[i - 1] {
            i += 1;
            continue;
        }
        let end = (i..words.len())
            .find(|&j| !in_name[j])
            .unwrap_or(words.len());
        let inside = |h: usize| h > i && h <= end; // 1-based heads
                                                   // the name's head: its word whose head lies outside it
        let Some(h) = (i..end).find(|&j| !inside(words[j].head)) else {
            i = end;
            continue;
        };
        let n = i - 1;
        let title = words[n].upos == "NOUN"
            && words[n].xpos == "NN"
            && words[n].form.chars().all(|c| c.is_lowercase())
            && (words[n].deprel == "nmod" || words[n].deprel == "conj")
            && !inside(words[n].head)
            && words[h].head != n + 1;
        if title {
            let (head, deprel) = (words[n].head, words[n].deprel.clone());
            for w in words.iter_mut() {
                if w.head == n + 1 && (w.deprel == "case" || w.deprel == "cc") {
                    w.head = h + 1;
                }
            }
            words[h].head = head;
            words[h].deprel = deprel;
            words[n].head = h + 1;
            words[n].deprel = "compound".into();
        }
        i = end;
    }
}

/// A date put first and set off by a comma ("On 12 August, a court in Minsk sentenced him")
/// modifies the sentence's verb. Where the parse makes the date the root and hangs the clause
/// on it (the verb as a clause on the noun after the comma), the first finite verb after the
/// comma becomes the root, the date its oblique, the noun before the verb its subject.
fn fronted_date(words: &mut [casefile_syntax::conllu::Word]) {
    let Some(r) = words.iter().position(|w| w.deprel == "root") else {
        return;
    };
    if r > 3 || !matches!(words[r].upos.as_str(), "NUM" | "PROPN") {
        return;
    }
    // (or a colon: a line of a timeline, "6 October 2020: X is arrested")
    let Some(comma) = (r + 1..words.len()).find(|&i| matches!(words[i].form.as_str(), "," | ":"))
    else {
        return;
    };
    // 1-based heads: does word `i` hang, through its heads, on the root?
    let under_root = |words: &[casefile_syntax::conllu::Word], mut i: usize| {
        for _ in 0..words.len() {
            match words[i].head {
                0 => return false,
                h if h == r + 1 => return true,
                h => i = h - 1,
            }
        }
        false
    };
    // (a participle with an auxiliary is finite too: "is arrested")
    let with_aux = |words: &[casefile_syntax::conllu::Word], i: usize| {
        words
            .iter()
            .any(|w| w.head == i + 1 && w.deprel.starts_with("aux"))
    };
    let Some(v) = (comma + 1..words.len()).find(|&i| {
        words[i].upos == "VERB"
            && (matches!(words[i].xpos.as_str(), "VBD" | "VBZ" | "VBP")
                || (words[i].xpos == "VBN" && with_aux(words, i)))
            && under_root(words, i)
    }) else {
        return;
    };
    let subject = words[v].head.checked_sub(1).filter(|&n| {
        n > comma && n < v && matches!(words[n].upos.as_str(), "NOUN" | "PROPN" | "PRON")
    });
    words[v].head = 0;
    words[v].deprel = "root".into();
    words[r].head = v + 1;
    words[r].deprel = "obl".into();
    if let Some(n) = subject {
        words[n].head = v + 1;
        words[n].deprel = "nsubj".into();
    }
    for (i, w) in words.iter_mut().enumerate() {
        if w.head == r + 1 && i > comma && i != v {
            w.head = v + 1;
        }
    }
}

/// A verb of asking or saying in the present after a body's or a person's name ("Amnesty
/// International calls on the authorities to release her", "Article 19 calls on …"): where the
/// parse reads it as a plural noun after the name, with no verb before it, and a complement of
/// a verb after it ("on", "for", "that", "to"), it is the sentence's verb, the name its
/// subject, and what hung on the name or on the noun hangs on the verb.
fn verb_read_as_noun(words: &mut [casefile_syntax::conllu::Word]) {
    let capitalised = |w: &casefile_syntax::conllu::Word| {
        w.upos == "NUM"
            || (matches!(w.upos.as_str(), "PROPN" | "NOUN")
                && w.form.chars().next().is_some_and(char::is_uppercase))
    };
    let Some(c) = (1..words.len()).find(|&c| {
        let stem = words[c].form.to_lowercase();
        words[c].xpos == "NNS"
            && stem
                .strip_suffix('s')
                .is_some_and(|s| VERBS_OF_ASKING.contains(&s))
            && (0..c).all(|i| capitalised(&words[i]))
            && (0..c).any(|i| words[i].upos != "NOUN")
            && words.get(c + 1).is_some_and(|n| {
                matches!(n.form.to_lowercase().as_str(), "on" | "for" | "that" | "to")
            })
    }) else {
        return;
    };
    // the name's head: its last word that is not a number ("Amnesty International", "Article
    // 19")
    let Some(subject) = (0..c).rev().find(|&i| words[i].upos != "NUM") else {
        return;
    };
    let marked_to: Vec<bool> = (0..words.len())
        .map(|w| {
            words
                .iter()
                .any(|d| d.head == w + 1 && d.deprel == "mark" && d.form.eq_ignore_ascii_case("to"))
        })
        .collect();
    let stem = words[c].form.to_lowercase();
    words[c].upos = "VERB".into();
    words[c].xpos = "VBZ".into();
    words[c].lemma = stem.trim_end_matches('s').to_string();
    words[c].head = 0;
    words[c].deprel = "root".into();
    for (i, w) in words.iter_mut().enumerate().take(c) {
        if i == subject {
            w.head = c + 1;
            w.deprel = "nsubj".into();
        } else {
            w.head = subject + 1;
            w.deprel = match w.upos.as_str() {
                "NUM" => "nummod".into(),
                _ => "compound".into(),
            };
        }
    }
    // what hung on the name, on the noun, or was the root, now hangs on the verb
    for w in c + 1..words.len() {
        let h = words[w].head;
        let on_name_or_root = h == 0 || (1..=c + 1).contains(&h);
        if !on_name_or_root {
            continue;
        }
        words[w].head = c + 1;
        let rel = words[w].deprel.clone();
        words[w].deprel = match rel.as_str() {
            "punct" => rel,
            "nmod" => "obl".into(),
            _ if marked_to[w] => "xcomp".into(),
            "root" | "acl" | "advcl" => "ccomp".into(),
            _ => rel,
        };
    }
}

/// A verb has one subject. Where the parse gives it two and one is a name set off by commas
/// right after a noun ("According to the editor, Marta Kell, the men were beaten"), the name is
/// that noun's appositive, not the verb's subject.
fn appositive_subject(words: &mut [casefile_syntax::conllu::Word]) {
    let subject = |w: &casefile_syntax::conllu::Word| w.deprel.starts_with("nsubj");
    for v in 1..=words.len() {
        let subjects: Vec<usize> = (0..words.len())
            .filter(|&i| words[i].head == v && subject(&words[i]))
            .collect();
        if subjects.len() < 2 {
            continue;
        }
        for &i in &subjects {
            // the name's last word: its flat words follow it
            let end = (i + 1..words.len())
                .take_while(|&j| words[j].head == i + 1 && words[j].deprel == "flat")
                .last()
                .unwrap_or(i);
            let set_off = i >= 2
                && words[i].upos == "PROPN"
                && words[i - 1].form == ","
                && matches!(words[i - 2].upos.as_str(), "NOUN" | "PROPN")
                && words.get(end + 1).is_some_and(|w| w.form == ",");
            if set_off {
                words[i].head = i - 1; // 1-based: the noun at i - 2
                words[i].deprel = "appos".into();
                break;
            }
        }
    }
}

/// A headline's topic set off by a colon ("Jamal Khashoggi: Fiancée of missing journalist
/// appeals to Trump") is not the subject of the clause after it. Where the parse makes a name
/// or noun right before the colon the verb's subject and the noun right after the colon its
/// appositive, that noun is the subject and the topic hangs on the verb, dislocated.
fn topic_before_colon(words: &mut [casefile_syntax::conllu::Word]) {
    for c in 1..words.len().saturating_sub(1) {
        if words[c].form != ":" {
            continue;
        }
        // the topic's head: the word the colon's neighbour before it hangs on through its flat
        // words, itself where it hangs on no flat word
        let mut t = c - 1;
        while words[t].deprel == "flat" && words[t].head >= 1 && words[t].head - 1 < t {
            t = words[t].head - 1;
        }
        let a = c + 1;
        let (v, subject) = (words[t].head, words[t].deprel.starts_with("nsubj"));
        let appositive = words[a].head == t + 1 && words[a].deprel == "appos";
        if subject && appositive && v > a + 1 && words[v - 1].upos == "VERB" {
            words[a].head = v;
            words[a].deprel = words[t].deprel.clone();
            words[t].deprel = "dislocated".into();
        }
    }
}

/// Whether word `m` is "after", "before", "until" or "since" read as a preposition of a noun
/// right before a finite verb ("after the court overturned"): the noun and the verb (0-based),
/// which the parse mends below read as a clause of time. (A word the parse hangs on the root
/// has no noun.)
fn time_word_before_verb(
    words: &[casefile_syntax::conllu::Word],
    m: usize,
) -> Option<(usize, usize)> {
    let marker = matches!(
        words[m].form.to_lowercase().as_str(),
        "after" | "before" | "until" | "since"
    );
    if !marker || words[m].deprel != "case" {
        return None;
    }
    let n = words[m].head.checked_sub(1)?;
    let v = n + 1;
    let finite = words
        .get(v)
        .is_some_and(|w| w.upos == "VERB" && matches!(w.xpos.as_str(), "VBD" | "VBZ" | "VBP"));
    finite.then_some((n, v))
}

/// "after", "before", "until" or "since" opening a clause ("released on Friday after the court
/// overturned his conviction"): where the parse reads the word as a preposition of the noun and
/// the clause's verb, right after that noun, as a verb joined to the sentence's with no subject
/// of its own, the verb becomes a clause of time on the verb it was joined to, the noun its
/// subject, the word its marker.
fn clause_of_time(words: &mut [casefile_syntax::conllu::Word]) {
    for m in 0..words.len() {
        let Some((n, v)) = time_word_before_verb(words, m) else {
            continue;
        };
        let subjectless = !words
            .iter()
            .any(|w| w.head == v + 1 && w.deprel.starts_with("nsubj"));
        // the verb joined to the noun's verb, or to the verb that one is joined to ("won an
        // appeal after the court … overturned": "overturned" joined to "denied")
        let joined = words[v].head == words[n].head
            || words[n]
                .head
                .checked_sub(1)
                .is_some_and(|h| words[h].deprel == "conj" && words[h].head == words[v].head);
        if !(matches!(words[n].upos.as_str(), "NOUN" | "PROPN" | "PRON")
            && subjectless
            && matches!(words[v].deprel.as_str(), "conj" | "parataxis")
            && joined)
        {
            continue;
        }
        // the clause is one of time on the verb the word's noun was on
        words[v].head = words[n].head;
        // "after the Chechen Supreme Court last month overturned": the noun is a time ("last
        // month") the parse took the subject for a compound of; the compound is the subject
        let subject = match time_with_subject(words, n) {
            Some(c) => {
                words[n].head = v + 1;
                words[n].deprel = "obl:tmod".into();
                // the subject's own words ("the") the parse hung on the time
                for w in words.iter_mut() {
                    if w.head == n + 1 && w.deprel == "det" {
                        w.head = c + 1;
                    }
                }
                c
            }
            None => n,
        };
        words[subject].head = v + 1;
        words[subject].deprel = "nsubj".into();
        words[m].head = v + 1;
        words[m].deprel = "mark".into();
        words[v].deprel = "advcl".into();
    }
}

/// A relative clause opened by "who", "whom" or "which" after a comma that the parse hangs
/// beside the sentence, as a parataxis of a verb ("Thousands attended the funeral of Marta
/// Kell, who was shot dead on 4 March", "shot" a parataxis of "attended"): it is a relative
/// clause on the name or noun before the comma (on a name's first word, which heads it).
fn relative_clause_beside(words: &mut [casefile_syntax::conllu::Word]) {
    for x in 0..words.len() {
        if words[x].deprel != "parataxis" || words[x].upos != "VERB" {
            continue;
        }
        let Some(opener) = (0..x).find(|&c| {
            words[c].head == x + 1
                && words[c].upos == "PRON"
                && matches!(
                    words[c].form.to_lowercase().as_str(),
                    "who" | "whom" | "which"
                )
        }) else {
            continue;
        };
        let Some(mut noun) = opener.checked_sub(2) else {
            continue;
        };
        if words[opener - 1].form != "," || !matches!(words[noun].upos.as_str(), "NOUN" | "PROPN") {
            continue;
        }
        // a name's last word hangs on its first
        while words[noun].deprel == "flat" {
            match words[noun].head.checked_sub(1) {
                Some(h) if h < noun => noun = h,
                _ => break,
            }
        }
        words[x].head = noun + 1;
        words[x].deprel = "acl:relcl".into();
    }
}

/// A date after "of" on a part of the day ("on the evening of 12 May", "the night of 3 March")
/// that the parse hangs on another verb ("…, his daughter told"): the date is that part of the
/// day's, and so dates what it dates.
fn date_of_part_of_day(words: &mut [casefile_syntax::conllu::Word]) {
    const PARTS: &[&str] = &["morning", "afternoon", "evening", "night", "eve", "day"];
    for o in 1..words.len().saturating_sub(1) {
        let part = PARTS.contains(&words[o - 1].form.to_lowercase().as_str());
        let date = words[o + 1].upos == "NUM"
            || casefile_model::MONTHS.contains(&words[o + 1].form.to_lowercase().as_str());
        if !part || !words[o].form.eq_ignore_ascii_case("of") || !date {
            continue;
        }
        if words[o + 1].head == o {
            continue;
        }
        words[o + 1].head = o;
        words[o + 1].deprel = "nmod".into();
        words[o].head = o + 2;
        words[o].deprel = "case".into();
    }
}

/// "pending" or "awaiting" that the parse made a word of the noun it governs, with a date before
/// it ("released on bail on 3 March pending trial" read as one noun, "3 March pending trial"):
/// the word is the noun's preposition, and the date a time of the verb the noun hangs on.
fn pending_read_as_compound(words: &mut [casefile_syntax::conllu::Word]) {
    for p in 1..words.len() {
        let pending = matches!(
            words[p].form.to_lowercase().as_str(),
            "pending" | "awaiting"
        );
        let Some(n) = words[p].head.checked_sub(1) else {
            continue;
        };
        let d = p - 1;
        let date_before = words[d].head == n + 1
            && matches!(words[d].upos.as_str(), "PROPN" | "NUM")
            && words[d].deprel != "det";
        if !pending || words[p].deprel != "compound" || n <= p || !date_before {
            continue;
        }
        let verb = words[n].head;
        for w in words.iter_mut().take(d) {
            if w.head == n + 1 {
                w.head = d + 1;
            }
        }
        words[d].head = verb;
        words[d].deprel = "obl".into();
        words[p].deprel = "case".into();
    }
}

/// Whether a sentence whose last word is `last` is a headline: it ends with no stop, nor with a
/// quotation closed after one.
fn ends_as_headline(last: Option<&Word>) -> bool {
    last.is_some_and(|w| !matches!(w.form.as_str(), "." | "!" | "?" | "\"" | "”" | "'" | "’"))
}

/// A headline tells what someone says with "was" left out ("Family says missing activist killed
/// by police"): where the parse makes the noun the object of the verb of saying and the
/// participle a clause on the noun, the participle is what is said (a clause of its own, the noun
/// its passive subject), not a description of the noun.
fn headline_said_passive(words: &mut [casefile_syntax::conllu::Word]) {
    if !ends_as_headline(words.last()) {
        return;
    }
    for p in 0..words.len() {
        let Some(n) = words[p].head.checked_sub(1) else {
            continue;
        };
        let Some(v) = words[n].head.checked_sub(1) else {
            continue;
        };
        let saying = SPEECH_VERBS.contains(&words[v].lemma.to_lowercase().as_str());
        if words[p].deprel == "acl"
            && words[p].xpos == "VBN"
            && words[n].deprel == "obj"
            && n < p
            && saying
        {
            words[p].head = v + 1;
            words[p].deprel = "ccomp".into();
            words[n].head = p + 1;
            words[n].deprel = "nsubj:pass".into();
        }
    }
}

/// A passive verb with no agent of its own takes the "by" phrase the parse hung on the noun of
/// its phrase ("was charged with the murder by Austrian prosecutors": the prosecutors charged;
/// they did not murder). Only in a phrase of what the verb charges, arrests or accuses for
/// ("with", "for", "of", "on"): not a source's ("The killing was planned, according to a
/// statement by the network"); nor under a verb that has its agent, or in the active
/// ("investigated the killing of the journalist by police officers").
fn agent_of_the_passive(words: &mut [casefile_syntax::conllu::Word]) {
    for b in 0..words.len() {
        let Some(n) = words[b].head.checked_sub(1) else {
            continue;
        };
        let case_in = |w: usize, forms: &[&str]| {
            words.iter().any(|c| {
                c.head == w + 1
                    && c.deprel == "case"
                    && forms.iter().any(|f| c.form.eq_ignore_ascii_case(f))
            })
        };
        let by = case_in(b, &["by"]);
        // the noun's phrase is what the verb charges or arrests for ("with", "for", "of",
        // "on"), not a source ("according to a statement by the network")
        let ground = case_in(n, &["with", "for", "of", "on"]);
        if !by || !ground || words[b].deprel != "nmod" || words[n].deprel != "obl" {
            continue;
        }
        let Some(v) = words[n].head.checked_sub(1) else {
            continue;
        };
        let passive = words
            .iter()
            .any(|w| w.head == v + 1 && w.deprel == "aux:pass");
        let has_agent = words
            .iter()
            .any(|w| w.head == v + 1 && w.deprel == "obl:agent");
        if words[v].upos == "VERB" && passive && !has_agent {
            words[b].head = v + 1;
            words[b].deprel = "obl:agent".into();
        }
    }
}

/// A day put between a subject and its verb ("Amnesty International today called on …", "The
/// court Monday sentenced him"), which the parse makes the subject with the real subject's
/// words its compounds, or a second subject: the subject's words head the subject again, and
/// the day is a time of the verb.
fn day_read_as_subject(words: &mut [casefile_syntax::conllu::Word]) {
    for d in 1..words.len() {
        let lower = words[d].form.to_lowercase();
        let day = casefile_model::WEEKDAYS.contains(&lower.as_str())
            || matches!(lower.as_str(), "today" | "yesterday" | "tonight");
        let subject = words[d].deprel.starts_with("nsubj");
        if !day || !subject {
            continue;
        }
        // a second subject of the verb right after its first ("The court Monday sentenced")
        if words[d - 1].deprel.starts_with("nsubj") && words[d - 1].head == words[d].head {
            words[d].deprel = "obl:tmod".into();
            continue;
        }
        if words[d - 1].deprel != "compound" || words[d - 1].head != d + 1 {
            continue;
        }
        // the subject's head: a name's first word (its others flat on it), else the last noun
        let last = d - 1;
        let mut h = last;
        while words[last].upos == "PROPN" && h > 0 && words[h - 1].upos == "PROPN" {
            h -= 1;
        }
        for w in 0..d {
            if w != h && (words[w].head == d + 1 || (h < w && w <= last)) {
                words[w].head = h + 1;
                if h < w && w <= last && words[h].upos == "PROPN" {
                    words[w].deprel = "flat".into();
                }
            }
        }
        words[h].head = words[d].head;
        words[h].deprel = words[d].deprel.clone();
        words[d].deprel = "obl:tmod".into();
    }
}

/// A noun after a comma or a dash that sums up what the sentence told, with a clause of its own
/// whose subject is a pronoun ("Prosecutors had accused him of organising riots during the 2020
/// protests, charges he rejected"): where the parse joins it to a noun inside a clause below the
/// sentence's verb as a conjunct with no "and", it is in apposition to the sentence's verb, and
/// shares that verb's clause (the protests' year does not date the charges).
fn summing_up_read_as_conjunct(words: &mut [casefile_syntax::conllu::Word]) {
    let Some(root) = words.iter().position(|w| w.deprel == "root") else {
        return;
    };
    for n in 1..words.len() {
        let after_comma = matches!(words[n - 1].form.as_str(), "," | "—" | "–");
        let below_root = words[n].head != root + 1;
        let no_and = !words.iter().any(|w| w.head == n + 1 && w.deprel == "cc");
        let own_clause = (0..words.len()).any(|r| {
            words[r].head == n + 1
                && words[r].deprel == "acl:relcl"
                && words
                    .iter()
                    .any(|w| w.head == r + 1 && w.deprel == "nsubj" && w.upos == "PRON")
        });
        if words[n].deprel == "conj"
            && words[n].upos == "NOUN"
            && after_comma
            && below_root
            && no_and
            && own_clause
            && n > root
        {
            words[n].head = root + 1;
            words[n].deprel = "appos".into();
        }
    }
}

/// A noun the parse made punctuation, after a dash or a comma ("found her guilty of fraud —
/// accusations she strongly denied", "accusations" hung on the stop as `punct`): a noun in
/// apposition to the last word before it that names something.
fn noun_read_as_punctuation(words: &mut [casefile_syntax::conllu::Word]) {
    for x in 1..words.len() {
        if words[x].deprel != "punct"
            || !matches!(words[x].upos.as_str(), "NOUN" | "PROPN")
            || !matches!(words[x - 1].form.as_str(), "—" | "–" | "-" | ",")
        {
            continue;
        }
        let Some(before) = (0..x - 1)
            .rev()
            .find(|&c| matches!(words[c].upos.as_str(), "NOUN" | "PROPN"))
        else {
            continue;
        };
        words[x].head = before + 1;
        words[x].deprel = "appos".into();
    }
}

/// A relative clause of "whose" the parse made the sentence's root, with the name it describes
/// a second subject of its verb and the main verb a clause beside it ("Pavel Ostrov, whose
/// brother was killed in 2019, was arrested on 3 March": "Ostrov" and "brother" both subjects
/// of "killed"): the main verb becomes the root, the name its subject, the relative clause's
/// verb a relative clause on the name, and what hung on the old root after the main verb (the
/// closing stop) hangs on the main verb.
fn whose_clause_read_as_main(words: &mut [casefile_syntax::conllu::Word]) {
    let subject = |w: &casefile_syntax::conllu::Word| w.deprel.starts_with("nsubj");
    for r in 1..words.len() {
        if !words[r].form.eq_ignore_ascii_case("whose") || words[r - 1].form != "," {
            continue;
        }
        let Some(n) = words[r].head.checked_sub(1) else {
            continue;
        };
        let Some(v) = words[n].head.checked_sub(1) else {
            continue;
        };
        if !subject(&words[n]) || words[v].deprel != "root" {
            continue;
        }
        // the name before the clause, a subject of the same verb
        let Some(s) = (0..r - 1).find(|&s| words[s].head == v + 1 && subject(&words[s])) else {
            continue;
        };
        // the main verb: a verb after the clause's closing comma hung on the root, with no
        // subject of its own
        let Some(x) = (v + 1..words.len()).find(|&x| {
            words[x].head == v + 1
                && words[x].upos == "VERB"
                && matches!(
                    words[x].deprel.as_str(),
                    "advcl" | "conj" | "parataxis" | "ccomp"
                )
                && (v + 1..x).any(|c| words[c].form == ",")
                && !words.iter().any(|d| d.head == x + 1 && subject(d))
        }) else {
            continue;
        };
        let passive = words
            .iter()
            .any(|d| d.head == x + 1 && d.deprel == "aux:pass");
        words[x].head = 0;
        words[x].deprel = "root".into();
        words[s].head = x + 1;
        words[s].deprel = if passive { "nsubj:pass" } else { "nsubj" }.into();
        words[v].head = s + 1;
        words[v].deprel = "acl:relcl".into();
        for (i, w) in words.iter_mut().enumerate() {
            if w.head == v + 1 && (i > x || i < s) {
                w.head = x + 1;
            }
        }
        return;
    }
}

/// "after", "before", "until" or "since" opening a clause whose verb the parse made the
/// sentence's root, with the main clause before it read as that verb's subject ("Reza Karimi is
/// at imminent risk of execution after the Supreme Court upheld his death sentence": "risk"
/// the subject of "upheld"): the main clause's head becomes the root, the verb a clause of time
/// on it, the noun after the word its subject, the word its marker.
fn main_clause_before_time(words: &mut [casefile_syntax::conllu::Word]) {
    for m in 0..words.len() {
        let Some((n, v)) = time_word_before_verb(words, m) else {
            continue;
        };
        if words[v].deprel != "root" || !matches!(words[n].upos.as_str(), "NOUN" | "PROPN") {
            continue;
        }
        // the verb's subject, before the word, whose phrase the noun is in
        let Some(s) =
            (0..m).find(|&s| words[s].head == v + 1 && words[s].deprel.starts_with("nsubj"))
        else {
            continue;
        };
        let mut up = n;
        let mut inside = false;
        for _ in 0..words.len() {
            match words[up].head.checked_sub(1) {
                Some(h) if h == s => {
                    inside = true;
                    break;
                }
                Some(h) if h != v => up = h,
                _ => break,
            }
        }
        if !inside {
            continue;
        }
        words[s].head = 0;
        words[s].deprel = "root".into();
        words[v].head = s + 1;
        words[v].deprel = "advcl".into();
        words[n].head = v + 1;
        words[n].deprel = "nsubj".into();
        words[m].head = v + 1;
        words[m].deprel = "mark".into();
        // what hung on the verb before the word (the sentence's closing stop excepted) is the
        // main clause's
        for (i, w) in words.iter_mut().enumerate().take(m) {
            if i != s && w.head == v + 1 {
                w.head = s + 1;
            }
        }
        for w in words.iter_mut().skip(v + 1) {
            if w.head == v + 1 && w.deprel == "punct" && matches!(w.form.as_str(), "." | "!" | "?")
            {
                w.head = s + 1;
            }
        }
        return;
    }
}

/// Whether noun `n` is a time of the clause ("last month", "this week") that the parse gave
/// the clause's subject to as a compound ("the Chechen Supreme Court last month"): the
/// compound's head, the last word of the subject.
fn time_with_subject(words: &[casefile_syntax::conllu::Word], n: usize) -> Option<usize> {
    const TIMES: &[&str] = &[
        "week", "month", "year", "weekend", "night", "morning", "evening",
    ];
    let child = |rel: &str, forms: &[&str]| {
        words.iter().any(|w| {
            w.head == n + 1 && w.deprel == rel && forms.contains(&w.form.to_lowercase().as_str())
        })
    };
    if !TIMES.contains(&words[n].form.to_lowercase().as_str())
        || !child("amod", &["last", "this", "next", "that"])
    {
        return None;
    }
    (0..n)
        .rev()
        .find(|&c| words[c].head == n + 1 && words[c].deprel == "compound")
}

/// Parse one sentence of `text`, the words inside `names` (byte ranges of persons,
/// organisations and places the annotator found) known to be parts of proper names.
pub fn parse_names(
    model: &Analyzer,
    text: &str,
    start: usize,
    end: usize,
    names: &[(usize, usize)],
) -> Tree {
    let spans = words(text, start, end);
    let forms: Vec<&str> = spans.iter().map(|&(a, b)| &text[a..b]).collect();
    let in_name: Vec<bool> = spans
        .iter()
        .map(|&(a, b)| names.iter().any(|&(s, e)| s <= a && b <= e))
        .collect();
    let mut analysed = model.analyze_names(&forms, &in_name);
    title_before_name(&mut analysed, &in_name);
    appositive_subject(&mut analysed);
    day_read_as_subject(&mut analysed);
    agent_of_the_passive(&mut analysed);
    headline_said_passive(&mut analysed);
    pending_read_as_compound(&mut analysed);
    date_of_part_of_day(&mut analysed);
    topic_before_colon(&mut analysed);
    verb_read_as_noun(&mut analysed);
    fronted_date(&mut analysed);
    clause_of_time(&mut analysed);
    main_clause_before_time(&mut analysed);
    whose_clause_read_as_main(&mut analysed);
    relative_clause_beside(&mut analysed);
    noun_read_as_punctuation(&mut analysed);
    summing_up_read_as_conjunct(&mut analysed);
    Tree {
        words: spans
            .into_iter()
            .zip(analysed)
            .map(|((start, end), word)| Parsed { start, end, word })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parse `s` and return, for each word named, (relation, head word).
    fn rels(s: &str, of: &[&str]) -> Vec<(String, String)> {
        let t = parse(s, 0, s.len());
        of.iter()
            .map(|w| {
                let i = t
                    .words
                    .iter()
                    .position(|p| &s[p.start..p.end] == *w)
                    .unwrap_or_else(|| panic!("{w} not in {s}"));
                let head = t
                    .head(i)
                    .map_or("ROOT".to_string(), |h| t.words[h].word.form.clone());
                (t.rel(i).to_string(), head)
            })
            .collect()
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    /// The index of word `w` (its whole form) in `t`, the tree of `s`.
    fn at(t: &Tree, s: &str, w: &str) -> usize {
        t.words
            .iter()
            .position(|p| &s[p.start..p.end] == w)
            .unwrap()
    }

    /// `s` parsed with the names given known, and each name's byte range.
    fn with_names(s: &str, names: &[&str]) -> (Tree, Vec<(usize, usize)>) {
        let spans: Vec<(usize, usize)> = names
            .iter()
            .map(|n| (s.find(n).unwrap(), s.find(n).unwrap() + n.len()))
            .collect();
        (
            parse_names(casefile_syntax::shipped(), s, 0, s.len(), &spans),
            spans,
        )
    }

    /// A date after "of" on a part of the day is that part of the day's.
    #[test]
    fn a_date_of_the_evening_is_the_evening_s() {
        let s =
            "He was beaten near his house on the evening of 12 May, his daughter told reporters.";
        assert_eq!(
            rels(s, &["12", "of"]),
            pairs(&[("nmod", "evening"), ("case", "12")])
        );
    }

    /// "pending trial" with a date before it: the date is the verb's, "pending" the noun's
    /// preposition.
    #[test]
    fn pending_is_no_word_of_its_noun() {
        let s = "The blogger was released on bail on 3 March pending trial.";
        assert_eq!(
            rels(s, &["March", "pending"]),
            pairs(&[("obl", "released"), ("case", "trial")])
        );
    }

    /// A headline's "X says Y killed" tells what X says was done to Y.
    #[test]
    fn a_headline_says_what_was_done() {
        let s = "Family says missing activist killed by police";
        assert_eq!(
            rels(s, &["killed", "activist"]),
            pairs(&[("ccomp", "says"), ("nsubj:pass", "killed")])
        );
        let t = parse(s, 0, s.len());
        let killed = (s.find("killed").unwrap(), s.find(" by").unwrap());
        assert_eq!(t.modality(killed), Some(casefile_model::Modality::Alleged));
        // a sentence keeps its reduced relative clause
        let s = "Family says the activist killed by police was unarmed.";
        assert_ne!(rels(s, &["killed"]), pairs(&[("ccomp", "says")]));
    }

    /// A passive verb with no agent takes the "by" phrase the parse hung on its phrase's noun.
    #[test]
    fn a_passive_takes_its_agent() {
        let s = "Oleg Marchenko was charged with the murder by Austrian prosecutors.";
        assert_eq!(
            rels(s, &["prosecutors"]),
            pairs(&[("obl:agent", "charged")])
        );
        // a source's noun keeps its own
        let s = "The killing was planned, according to a statement by the Harbour Rights Network.";
        assert_ne!(rels(s, &["Network"]), pairs(&[("obl:agent", "planned")]));
        // and so does an active verb's
        let s = "Prosecutors investigated the killing of the journalist by police officers.";
        assert_ne!(
            rels(s, &["officers"]),
            pairs(&[("obl:agent", "investigated")])
        );
    }

    /// A day between a subject and its verb is a time of the verb, not its subject.
    #[test]
    fn a_day_before_the_verb_is_no_subject() {
        let rel_of = |s: &str, names: &[&str], of: &[&str]| {
            let (t, _) = with_names(s, names);
            of.iter()
                .map(|w| {
                    let i = at(&t, s, w);
                    let head = t
                        .head(i)
                        .map_or("ROOT".into(), |h| t.words[h].word.form.clone());
                    (t.rel(i).to_string(), head)
                })
                .collect::<Vec<(String, String)>>()
        };
        let s = "Amnesty International today called on the authorities to release him.";
        assert_eq!(
            rel_of(
                s,
                &["Amnesty International"],
                &["Amnesty", "International", "today"]
            ),
            pairs(&[
                ("nsubj", "called"),
                ("flat", "Amnesty"),
                ("obl:tmod", "called")
            ])
        );
        let s = "The court Monday sentenced him to seven years.";
        assert_eq!(
            rel_of(s, &[], &["The", "court", "Monday"]),
            pairs(&[
                ("det", "court"),
                ("nsubj", "sentenced"),
                ("obl:tmod", "sentenced")
            ])
        );
    }

    /// A noun after a comma that sums up the sentence is in apposition to its verb, not a
    /// conjunct of a noun deep inside it.
    #[test]
    fn a_summing_up_noun_hangs_on_the_sentence_verb() {
        let s = "Prosecutors had accused him of organising mass riots during the 2020 protests, \
                 charges he rejected as politically motivated.";
        assert_eq!(rels(s, &["charges"]), pairs(&[("appos", "accused")]));
        // a conjunct with "and" stays one
        let s = "Prosecutors accused him of organising riots and protests, which he denied.";
        assert_eq!(rels(s, &["protests"]), pairs(&[("conj", "riots")]));
    }

    /// A headline's topic before a colon is not the subject of what follows it.
    #[test]
    fn a_topic_before_a_colon_is_no_subject() {
        let s = "Jamal Khashoggi: Fiancée of missing Saudi journalist appeals directly to Trump for help";
        assert_eq!(
            rels(s, &["Fiancée", "Jamal"]),
            pairs(&[("nsubj", "appeals"), ("dislocated", "appeals")])
        );
        // a subject with no colon after it stays the subject
        let s = "Jamal Khashoggi appeals directly to Trump for help";
        assert_eq!(rels(s, &["Jamal"]), pairs(&[("nsubj", "appeals")]));
    }

    /// A common noun right before a name is its title: the name takes the noun's place in the
    /// tree, so that the verb's subject is not the name of someone a phrase only mentions.
    #[test]
    fn a_title_before_a_name_goes_with_it() {
        // sentence, its names, the verb, words that are not its subject, the title noun
        type Case<'a> = (&'a str, &'a [&'a str], &'a str, &'a [&'a str], &'a str);
        let cases: &[Case] = &[
            (
                "On Sunday, a close associate of Chechen strongman Ramzan Kadyrov, Akhmed Dudayev, \
                 claimed that the men had confessed.",
                &["Ramzan Kadyrov", "Akhmed Dudayev"],
                "claimed",
                &["Ramzan", "Kadyrov"],
                "strongman",
            ),
            // the same when the noun is the second of two ("lawyer and activist X")
            (
                "Zarema Musaeva, the mother of prominent Chechen human rights lawyer and activist \
                 Abubakar Yangulbaev, has been sentenced to 5.5 years in prison, the group reported.",
                &["Zarema Musaeva", "Abubakar Yangulbaev"],
                "sentenced",
                &["Abubakar", "Yangulbaev"],
                "activist",
            ),
        ];
        for &(s, names, verb, not_subjects, title) in cases {
            let (t, _) = with_names(s, names);
            let subjects: Vec<&str> = t
                .children(at(&t, s, verb))
                .filter(|&c| t.rel(c).starts_with("nsubj"))
                .map(|c| t.words[c].word.form.as_str())
                .collect();
            assert!(
                !subjects.iter().any(|w| not_subjects.contains(w)),
                "{subjects:?} in {s}"
            );
            assert_eq!(t.rel(at(&t, s, title)), "compound", "{s}");
        }
        // the subject of the passive verb underwent it: she did not sentence, he was not
        let s = cases[1].0;
        let (t, names) = with_names(s, cases[1].1);
        let act = (s.find("sentenced").unwrap(), s.find(" to 5.5").unwrap());
        assert_eq!(t.tie(names[0], act).map(|t| t.0), Some(Tie::Undergoer));
        assert_eq!(t.tie(names[1], act).map(|t| t.0), None);
        // a headline read as one noun phrase: the possessor is the fiancée's, not the verdict's
        let s = "Khashoggi’s fiancée calls verdict ‘farce’";
        let t = parse(s, 0, s.len());
        let name = (0, "Khashoggi".len());
        let verdict = (s.find("verdict").unwrap(), s.find(" ‘").unwrap());
        assert_eq!(t.tie(name, verdict).map(|t| t.0), None);
        let s = "Musaeva’s trial resumed.";
        let t = parse(s, 0, s.len());
        let trial = (s.find("trial").unwrap(), s.find(" resumed").unwrap());
        assert_eq!(t.tie((0, 7), trial).map(|t| t.0), Some(Tie::Possessor));
        // the tie of the name read through the body: the one whose body it is
        let s =
            "The body of Saudi journalist Jamal Khashoggi was dismembered after he was strangled.";
        let (t, names) = with_names(s, &["Jamal Khashoggi"]);
        let name = names[0];
        let act = (s.find("dismembered").unwrap(), s.find(" after").unwrap());
        let (tie, why) = t.tie(name, act).expect("tied");
        assert_eq!(tie, Tie::Undergoer, "{why}");
        assert!(why.starts_with("the one whose “body” it is"), "{why}");
    }

    /// A date put first modifies the verb, not the other way round.
    #[test]
    fn a_date_put_first_modifies_the_verb() {
        let s = "On 12 August, a court in Minsk sentenced him to 10 days of detention.";
        let (t, _) = with_names(s, &["Minsk"]);
        assert_eq!(t.rel(at(&t, s, "sentenced")), "root");
        assert_eq!(t.rel(at(&t, s, "court")), "nsubj");
        let act = (s.find("sentenced").unwrap(), s.find(" him").unwrap());
        let date = (s.find("12").unwrap(), s.find(',').unwrap());
        assert_eq!(t.clause_distance(date, act, true), Some(0));
        // a clause of time the parse read as a preposition and a verb joined to the sentence's
        let s = "He was released on Friday after the appeals court overturned his conviction.";
        let (t, _) = with_names(s, &[]);
        assert_eq!(t.rel(at(&t, s, "overturned")), "advcl");
        let act = (s.find("overturned").unwrap(), s.find(" his").unwrap());
        let date = (s.find("Friday").unwrap(), s.find(" after").unwrap());
        assert_eq!(t.clause_distance(date, act, true), None);
        // ...also with a time between its subject and its verb, joined to the first of two
        // verbs
        let s = "She denied the charges and won an appeal after the Marevo Supreme Court last month overturned the ruling.";
        let (t, _) = with_names(s, &["Marevo Supreme Court"]);
        assert_eq!(t.rel(at(&t, s, "overturned")), "advcl");
        assert_eq!(t.head(at(&t, s, "overturned")), Some(at(&t, s, "won")));
        assert_eq!(t.rel(at(&t, s, "Court")), "nsubj");
        assert_eq!(t.rel(at(&t, s, "month")), "obl:tmod");
        // ...also where the parse made the clause's verb the root and the main clause its
        // subject
        let s = "Oleg Marchenko is at imminent risk of execution after the Supreme Court upheld his death sentence on 8 January 2023.";
        let (t, _) = with_names(s, &["Oleg Marchenko", "Supreme Court"]);
        let upheld = at(&t, s, "upheld");
        assert_eq!(
            (t.rel(upheld), t.head(upheld)),
            ("advcl", Some(at(&t, s, "risk")))
        );
        assert_eq!(t.rel(at(&t, s, "risk")), "root");
        assert_eq!(t.rel(at(&t, s, "Court")), "nsubj");
        // a verb of asking after a body's name, read as a plural noun
        for (s, name, head) in [
            (
                "Amnesty International calls on the authorities to release her.",
                "Amnesty International",
                "International",
            ),
            (
                "Article 19 calls on the Mexican authorities to investigate the killing.",
                "Article 19",
                "Article",
            ),
        ] {
            let (t, _) = with_names(s, &[name]);
            let calls = at(&t, s, "calls");
            assert_eq!(t.rel(calls), "root", "{s}");
            assert_eq!(t.words[calls].word.upos, "VERB", "{s}");
            assert_eq!(t.rel(at(&t, s, head)), "nsubj", "{s}");
            assert_eq!(t.rel(at(&t, s, "authorities")), "obl", "{s}");
            let asked = at(&t, s, "to") + 1;
            assert_eq!((t.rel(asked), t.head(asked)), ("xcomp", Some(calls)), "{s}");
        }
        // a line of a timeline: the date, a colon, the happening
        let s = "- 6 October 2020: Oleg Marchenko is arrested at his apartment in Marevo by police officers.";
        let (t, _) = with_names(s, &["Oleg Marchenko", "Marevo"]);
        assert_eq!(t.rel(at(&t, s, "arrested")), "root");
        let act = (s.find("arrested").unwrap(), s.find(" at").unwrap());
        let date = (s.find('6').unwrap(), s.find(':').unwrap());
        assert_eq!(t.clause_distance(date, act, true), Some(0));
    }

    #[test]
    fn an_abbreviation_keeps_its_period() {
        let t = "Mr. Khashoggi met Dr. Ali on Sept. 4, the U.S. said. He left.";
        let (s, e) = (0, t.find(" He").unwrap());
        let w: Vec<&str> = words(t, s, e).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(
            w,
            [
                "Mr.",
                "Khashoggi",
                "met",
                "Dr.",
                "Ali",
                "on",
                "Sept.",
                "4",
                ",",
                "the",
                "U.S.",
                "said",
                "."
            ]
        );
        let w: Vec<&str> = words("I met the Co.", 0, 13)
            .iter()
            .map(|&(a, b)| &"I met the Co."[a..b])
            .collect();
        assert_eq!(
            w.last(),
            Some(&"."),
            "a period that ends the sentence stays one"
        );
    }

    #[test]
    fn spans_map_back_to_the_text() {
        let s = "Police didn't say where he's held.";
        let t = parse(s, 0, s.len());
        let forms: Vec<&str> = t.words.iter().map(|w| &s[w.start..w.end]).collect();
        assert_eq!(
            forms,
            ["Police", "did", "n't", "say", "where", "he", "'s", "held", "."]
        );
        assert!(t.words.iter().all(|w| w.word.form == s[w.start..w.end]));
    }

    /// A name the entity tagger found is read as a proper noun, so the sentence around it
    /// parses: "Human Rights Watch" says, it is not "Watch" the pronoun.
    #[test]
    fn names_found_are_proper_nouns_to_the_parser() {
        let s = "Human Rights Watch said the two men had been abducted by security forces.";
        let t = parse_names(casefile_syntax::shipped(), s, 0, s.len(), &[(0, 18)]);
        let watch = &t.words[2].word;
        assert_eq!(
            (watch.upos.as_str(), watch.form.as_str()),
            ("PROPN", "Watch")
        );
        let said = t.words.iter().position(|w| w.word.form == "said").unwrap();
        assert_eq!(t.head(2), Some(said), "{:?}", t.words);
        assert_eq!(t.rel(2), "nsubj");
    }

    /// The relations extraction needs, on sentences written as reports write them.
    #[test]
    fn reads_the_relations_extraction_needs() {
        type Case<'a> = (&'a str, &'a [&'a str], &'a [(&'a str, &'a str)]);
        let cases: &[Case] = &[
            // active: who did it to whom
            (
                "Police detained the two brothers in Nizhny Novgorod.",
                &["Police", "brothers"],
                &[("nsubj", "detained"), ("obj", "detained")],
            ),
            // passive with an agent
            (
                "He was abducted by armed men on Thursday.",
                &["He", "men"],
                &[("nsubj:pass", "abducted"), ("obl:agent", "abducted")],
            ),
            // "according to X": X is where the telling comes from, not who did it
            (
                "According to the police, he was shot by a neighbour.",
                &["police", "neighbour"],
                &[("obl", "shot"), ("obl:agent", "shot")],
            ),
            // reported speech: the act is the complement of the verb of saying
            (
                "The lawyer said that the men were tortured.",
                &["lawyer", "tortured"],
                &[("nsubj", "said"), ("ccomp", "said")],
            ),
            // coordinated victims
            (
                "Officers beat Salekh and Ismail.",
                &["Salekh", "Ismail"],
                &[("obj", "beat"), ("conj", "Salekh")],
            ),
            // a relative clause
            (
                "The men who were arrested in January remain in custody.",
                &["arrested"],
                &[("acl:relcl", "men")],
            ),
        ];
        for (s, words, want) in cases {
            assert_eq!(rels(s, words), pairs(want), "{s}");
        }
    }
}

#[cfg(test)]
mod support_verbs {
    use super::*;

    /// The tie of `name` to the act word `act` in `s`.
    fn tie(s: &str, name: &str, act: &str) -> Option<Tie> {
        let t = parse(s, 0, s.len());
        let n = s.find(name).unwrap();
        let a = s.find(act).unwrap();
        t.tie((n, n + name.len()), (a, a + act.len())).map(|x| x.0)
    }

    /// A relative clause after a comma the parse hangs beside the sentence is the name's.
    #[test]
    fn a_relative_clause_beside_the_sentence_is_the_names() {
        let s = "Thousands attended the funeral of Marta Kell, who was shot dead on 4 March.";
        assert_eq!(tie(s, "Marta Kell", "shot"), Some(Tie::Undergoer));
    }

    /// A relative clause of "whose" the parse made the root is mended: the name is the main
    /// verb's subject, not the one the relative clause's act befell.
    #[test]
    fn a_whose_clause_is_no_act_done_to_the_name() {
        let s = "Pavel Ostrov, whose brother was killed in 2019, was arrested on 3 March.";
        assert_eq!(tie(s, "Pavel Ostrov", "arrested"), Some(Tie::Undergoer));
        assert_ne!(tie(s, "Pavel Ostrov", "killed"), Some(Tie::Undergoer));
    }

    #[test]
    fn the_subject_of_a_verb_that_only_says_the_act_was_done_did_it() {
        for (s, name, act) in [
            (
                "The government imposed sanctions on the officers on Thursday.",
                "government",
                "sanctions",
            ),
            ("Her lawyer filed an appeal on Monday.", "lawyer", "appeal"),
            ("The blogger won an appeal last month.", "blogger", "appeal"),
            // the verb of speech a statement was made in
            (
                "He was attacked by two men, the prosecutor's office said in a statement.",
                "prosecutor's office",
                "statement",
            ),
            (
                "The LGBT Network rights group petitioned the committee on Monday.",
                "LGBT Network",
                "petitioned",
            ),
            (
                "The prosecutor launched an investigation into the deaths.",
                "prosecutor",
                "investigation",
            ),
            // verbs joined by "and" share the subject
            ("Police detained the men and beat them.", "Police", "beat"),
            // the body a judge or a spokesman acts for
            (
                "A judge from the City Court found her guilty and sentenced her to three years.",
                "City Court",
                "sentenced",
            ),
            // an infinitive of purpose is done by the subject of the clause it is for
            (
                "His mother had been on hunger strike for six months to demand his release.",
                "mother",
                "demand",
            ),
        ] {
            assert_eq!(tie(s, name, act), Some(Tie::Doer), "{s}");
        }
        // whoever faces charges or receives threats undergoes them
        for (s, name, act) in [
            (
                "The journalist faced charges of extremism.",
                "journalist",
                "charges",
            ),
            (
                "The activist received threats after the trial.",
                "activist",
                "threats",
            ),
            // nor by the subject of a clause with an object, who may be the one to do it
            (
                "The network petitioned the committee to protect the men.",
                "network",
                "protect",
            ),
        ] {
            assert_ne!(tie(s, name, act), Some(Tie::Doer), "{s}");
        }
        // a headline's past participle is a passive: its subject underwent the act; a
        // sentence's past tense is done by its subject
        for (s, name, act, want) in [
            (
                "Belarus: Rights defender Nasta Loika sentenced to seven years",
                "Nasta Loika",
                "sentenced",
                Tie::Undergoer,
            ),
            (
                "Journalist Ivan Dorn beaten by police in Port Aster",
                "Ivan Dorn",
                "beaten",
                Tie::Undergoer,
            ),
            (
                "The Port Aster court sentenced Nasta Loika on Monday.",
                "Port Aster",
                "sentenced",
                Tie::Doer,
            ),
        ] {
            assert_eq!(tie(s, name, act), Some(want), "{s}");
        }
        // an "agent" the parse gives with no "by" is no doer: right after the verb, it is the
        // object (a misparse of "police detained journalist Mehmet Yilmaz")
        let misread = Tree {
            words: [
                ("police", "NOUN", 0, "root"),
                ("detained", "VERB", 1, "acl"),
                ("Yilmaz", "PROPN", 2, "obl:agent"),
                ("by", "ADP", 6, "case"),
                ("the", "DET", 6, "det"),
                ("army", "NOUN", 2, "obl:agent"),
            ]
            .iter()
            .enumerate()
            .map(|(i, &(form, upos, head, deprel))| Parsed {
                start: i * 10,
                end: i * 10 + form.len(),
                word: casefile_syntax::conllu::Word {
                    form: form.into(),
                    lemma: form.into(),
                    upos: upos.into(),
                    head,
                    deprel: deprel.into(),
                    ..Default::default()
                },
            })
            .collect(),
        };
        assert_eq!(misread.tie_of(2, 1), Tie::Undergoer);
        assert_eq!(misread.tie_of(5, 1), Tie::Doer);
        // the one summoned or detained for an act undergoes it
        for (s, name, act) in [
            (
                "Her brother Reza Karimi was summoned for questioning on 19 September.",
                "Reza Karimi",
                "questioning",
            ),
            (
                "Police detained Oleg Marchenko for questioning on Monday.",
                "Oleg Marchenko",
                "questioning",
            ),
        ] {
            assert_eq!(tie(s, name, act), Some(Tie::Undergoer), "{s}");
        }
        // but one arrested or sentenced for a killing is none of its victims
        for (s, name, act) in [
            (
                "Police arrested Oleg Marchenko for killing his neighbour.",
                "Oleg Marchenko",
                "killing",
            ),
            (
                "A court sentenced Oleg Marchenko to life for murder.",
                "Oleg Marchenko",
                "murder",
            ),
        ] {
            assert_ne!(tie(s, name, act), Some(Tie::Undergoer), "{s}");
        }
        // a possessor is read by the kind of act
        let s = "The court rejected the prosecutor's request and Musaeva's arrest followed.";
        assert_eq!(tie(s, "prosecutor", "request"), Some(Tie::Possessor));
        assert_eq!(Tie::Possessor.of_possessor(false), Tie::Doer);
        assert_eq!(
            tie(s, "Musaeva", "arrest").map(|t| t.of_possessor(true)),
            Some(Tie::Undergoer)
        );
    }

    /// A name said to be one of the people an act was done to undergoes it; one the parse
    /// does not tie to "one of" ("the mother of X, one of …") is not read so.
    #[test]
    fn one_of_the_people_an_act_was_done_to_undergoes_it() {
        let s = "Oleg Marchenko, one of the 12 activists detained on Monday, was released.";
        assert_eq!(tie(s, "Oleg Marchenko", "detained"), Some(Tie::Undergoer));
        let t = parse(s, 0, s.len());
        let d = s.find("detained").unwrap();
        let why = t.relation((0, 14), (d, d + "detained".len()));
        assert!(why.is_some_and(|w| w.starts_with("one of the ")), "{s}");
        let s = "The mother of Oleg Marchenko, one of two men killed in Kisumu, said he was shot.";
        assert_ne!(tie(s, "mother", "killed"), Some(Tie::Undergoer));
    }

    /// How a time phrase stands to an act's clause: `time` and `act` are the first occurrences
    /// of those words in `s`.
    fn distance(s: &str, time: &str, act: &str, said_apart: bool) -> Option<u8> {
        let t = parse(s, 0, s.len());
        let w = s.find(time).unwrap();
        let a = s.find(act).unwrap();
        t.clause_distance((w, w + time.len()), (a, a + act.len()), said_apart)
    }

    #[test]
    fn a_time_dates_the_act_of_its_own_clause_only() {
        for (s, time, act, said_apart, want) in [
            ("Police detained him on March 3.", "March 3", "detained", true, Some(0)),
            ("Unknown gunmen killed the journalist Irina Volkova in Marevo on March 9, 2024, police said.", "March 9", "killed", true, Some(0)),
            ("On Monday, the court sentenced Musaeva to five years.", "Monday", "sentenced", true, Some(0)),
            // a clause joined by "and" shares it
            ("The men were detained on Monday and tortured.", "Monday", "tortured", true, Some(1)),
            // verbs sharing their subject and auxiliary share a time after them...
            ("The men were arrested and tortured by the police in April 2020.", "April 2020", "arrested", true, Some(1)),
            // a time after a second verb joined by "and" is that verb's, wherever the parse
            // hangs it
            ("Karimi, who was arrested in 2019 and released on bail in 2020, had been warned by agents.", "2020", "released", true, Some(0)),
            ("Karimi, who was arrested in 2019 and released on bail in 2020, had been warned by agents.", "2019", "arrested", true, Some(0)),
            // ...but a clause of its own after the act dates only itself
            ("They were relocated to an apartment in Moscow, but were forcefully returned home in February.", "February", "relocated", true, None),
            // the verb of saying over the act has the time of the saying
            ("Turkish officials said on Saturday that Khashoggi had been killed inside the consulate.", "Saturday", "killed", true, None),
            // a clause of "after" is earlier than the time of the clause it hangs on
            ("He was hospitalized on Tuesday after being beaten.", "Tuesday", "beaten", true, None),
            // what a verb of saying calls the act is not done when it is said, to the day ...
            ("The group on Monday described the plight of the men as a kidnapping.", "Monday", "kidnapping", true, None),
            // ... but a year beside it dates what is reported
            ("The network in 2019 reported a second wave of persecution.", "2019", "persecution", false, Some(0)),
            // a verb that only says the act was done shares its time
            ("The Treasury announced sanctions on Thursday.", "Thursday", "sanctions", true, Some(0)),
            // news told in the present perfect happened by the time it is reported
            ("Authorities have granted the men protection, the website reported Thursday.", "Thursday", "granted", true, Some(2)),

            // a participle that describes a noun tells an earlier state
            ("The jailed mother was sentenced on Wednesday.", "Wednesday", "jailed", true, None),
            ("The jailed mother was sentenced on Wednesday.", "Wednesday", "sentenced", true, Some(0)),
            // a time the parse hangs inside the subject dates the subject's verb
            ("Following a two-day retrial, a judge from the Shali City Court on Wednesday found Musaeva guilty and sentenced her to three years.", "Wednesday", "sentenced", true, Some(1)),
            // a participle of result shares its clause's time
            ("Security forces used lethal force on January 5, killing at least 12 people.", "January 5", "killing", true, Some(0)),
            // what a verb is done for or over is an act of its own time
            ("A Berlin court on Wednesday sentenced Vadim Krasikov to life in prison for the murder of Zelimkhan Khangoshvili in August 2019.", "Wednesday", "murder", true, None),
            ("A Berlin court on Wednesday sentenced Vadim Krasikov to life in prison for the murder of Zelimkhan Khangoshvili in August 2019.", "August 2019", "murder", true, Some(0)),
            ("Germany expelled two diplomats on Wednesday over the killing.", "Wednesday", "killing", true, None),
        ] {
            assert_eq!(distance(s, time, act, said_apart), want, "{act} / {time} in {s}");
        }
    }

    /// The words that tell a noun or a clause is something told before, or the grounds of
    /// another act, or news done by the time of writing; each case: sentence, words, whether
    /// the predicate holds.
    #[test]
    fn what_points_back_and_what_is_news() {
        type Check = fn(&Tree, usize, usize) -> bool;
        let told_in_present: Check = |t, s, e| t.present_form(s, e).is_some();
        let said_in_present: Check = |t, s, e| t.said_in_present(s, e).is_some();
        let cases: &[(&str, &str, &str, Check, bool)] = &[
            ("told earlier", "The Saudis have presented shifting stories, initially denying any knowledge.", "denying", Tree::told_earlier, true),
            ("told earlier", "The men had previously been arrested in Chechnya.", "arrested", Tree::told_earlier, true),
            ("told earlier", "The men were arrested in Chechnya.", "arrested", Tree::told_earlier, false),
            ("points back", "She was sentenced on these charges.", "charges", Tree::points_back, true),
            ("points back", "She was sentenced on charges of fraud.", "charges", Tree::points_back, false),
            ("grounds", "The lawyer asked to overturn the sentence due to the unjustified charges.", "charges", Tree::grounds, true),
            ("grounds", "Police raided the office on Monday.", "office", Tree::grounds, false),
            ("grounds", "Trump may impose sanctions over the disappearance of the journalist.", "disappearance", Tree::grounds, false),
            ("describes", "Her new sentence is shorter than the one the Supreme Court overturned.", "overturned", Tree::describes_noun, true),
            ("describes", "The spokesman said a video in which the two men apologized was recorded under duress.", "apologized", Tree::describes_noun, false),
            ("describes", "A judge found Anna Roe guilty of fraud and assault, accusations she strongly denied.", "denied", Tree::describes_noun, true),
            // (the parse makes "accusations" the stop's punctuation: mended)
            ("describes", "A judge at a local court in Grozny, the capital of Chechnya, found Musaeva guilty of assaulting the authorities and fraud — accusations she strongly denied.", "denied", Tree::describes_noun, true),
            ("news", "The Cassation Court has reduced her term by three months.", "reduced", Tree::done_by_now, true),
            ("news", "The court has upheld the appeal and reduced her term.", "reduced", Tree::done_by_now, true),
            ("news", "The court has satisfying the request and reduced her term.", "reduced", Tree::done_by_now, true),
            ("news", "She has been held in a detention center since her arrest.", "held", Tree::done_by_now, false),
            ("news", "The court has to reduce her term.", "reduce", Tree::done_by_now, false),
            ("news", "The court reduced her term.", "reduced", Tree::done_by_now, false),
            ("news", "Saudi Arabia has sentenced five people to death for the killing.", "sentenced", Tree::done_by_now, true),
            ("news", "She has been held for three years.", "held", Tree::done_by_now, false),
            ("news", "We have filed an appeal with the regional court.", "appeal", Tree::done_by_now, true),
            ("news", "We filed an appeal with the regional court.", "appeal", Tree::done_by_now, false),
            ("before", "The men had originally been arrested in Chechnya.", "arrested", Tree::told_before, true),
            ("before", "They had been detained and questioned by the police.", "questioned", Tree::told_before, true),
            ("before", "The prosecutor had filed an appeal.", "appeal", Tree::told_before, true),
            ("before", "Police had not provided the files and refused their requests.", "requests", Tree::told_before, true),
            ("before", "Police refused their requests.", "requests", Tree::told_before, false),
            ("before", "The men were arrested in Chechnya.", "arrested", Tree::told_before, false),
            ("before", "The men have been arrested in Chechnya.", "arrested", Tree::told_before, false),
            ("before", "He had to leave the country.", "leave", Tree::told_before, false),
            ("before", "His mother had been on hunger strike for six months to demand his release.", "demand", Tree::told_before, true),
            ("before", "His mother went on hunger strike to demand his release.", "demand", Tree::told_before, false),
            ("next", "The attorney general then acknowledged that he was killed.", "acknowledged", Tree::told_next, true),
            ("next", "His body was then dismembered.", "dismembered", Tree::told_next, true),
            ("now", "The men have now been offered state protection.", "offered", Tree::told_now, true),
            ("now", "The men were offered state protection.", "offered", Tree::told_now, false),
            ("next", "The attorney general acknowledged that he was killed.", "acknowledged", Tree::told_next, false),
            ("saying", "The office said Wednesday that he was strangled.", "Wednesday", Tree::dates_saying, true),
            ("saying", "The ministry announced on Monday that he had been released.", "Monday", Tree::dates_saying, true),
            ("saying", "He was detained on Wednesday, the office said.", "Wednesday", Tree::dates_saying, false),
            ("present", "The group now demands their release.", "demands", told_in_present, true),
            ("present", "All Out is sharing a petition.", "petition", told_in_present, true),
            ("present", "The group has issued a statement.", "statement", told_in_present, false),
            ("present", "The group issued a statement.", "statement", told_in_present, false),
            ("present", "The men were detained and beaten.", "beaten", told_in_present, false),
            ("present", "The prosecutor had requested five years.", "requested", told_in_present, false),
            ("said now", "Authorities claim the men had confessed.", "confessed", said_in_present, true),
            ("said now", "His family says he was beaten and tortured.", "tortured", said_in_present, true),
            ("said now", "Authorities claimed the men had confessed.", "confessed", said_in_present, false),
            ("said now", "The group has said the men were beaten.", "beaten", said_in_present, false),
            ("said now", "The men say the police beat them.", "beat", said_in_present, true),
            ("cited", "They included officers, according to an independent UN probe.", "probe", Tree::cited_as_source, true),
            ("cited", "The UN probe found that officers took part.", "probe", Tree::cited_as_source, false),
            ("since", "She has been held in Marevo since 2017.", "2017", Tree::starts_a_span, true),
            ("since", "She was detained in Marevo in 2017.", "2017", Tree::starts_a_span, false),
            ("to now", "She has been held in Marevo since 2017.", "2017", Tree::lasts_to_now, true),
            ("to now", "She had been held in Marevo since 2017.", "2017", Tree::lasts_to_now, false),
        ];
        for (what, s, w, check, want) in cases {
            let t = parse(s, 0, s.len());
            let at = s.find(w).unwrap();
            assert_eq!(check(&t, at, at + w.len()), *want, "{what}: {w} in {s}");
        }
    }

    #[test]
    fn the_words_that_govern_an_act_give_its_modality() {
        use casefile_model::Modality as M;
        for (s, act, want) in [
            (
                "Police detained Oleg Marchenko on Monday.",
                "detained",
                None,
            ),
            // what the sentence takes as given is not what is asked, threatened or denied
            (
                "The group demanded the release of the detained reporter.",
                "detained",
                Some(M::Asserted),
            ),
            (
                "He threatened to kill the jailed activist.",
                "jailed",
                Some(M::Asserted),
            ),
            (
                "The ministry called for an investigation into the killing of the student.",
                "killing",
                Some(M::Asserted),
            ),
            (
                "Protests over the arrest of the editor spread across the city.",
                "arrest",
                Some(M::Asserted),
            ),
            // but as what it is for the one who tells it, or as its own words put it
            (
                "His lawyer said the detained man was beaten in custody.",
                "detained",
                Some(M::Alleged),
            ),
            (
                "Rights groups voiced concerns over the possible arrest of the activist.",
                "arrest",
                Some(M::Hypothetical),
            ),
            (
                "The activist faces imminent execution.",
                "execution",
                Some(M::Feared),
            ),
            (
                "The threatened arrest of the editor did not happen.",
                "arrest",
                Some(M::Threatened),
            ),
            // and not in a setting or a purpose
            (
                "The men are at risk of torture in detention.",
                "detention",
                Some(M::Feared),
            ),
            // what a verb is about is no complement of the verb over it
            (
                "Reporters asked the ministry to comment on the arrest of Oleg Marchenko.",
                "arrest",
                None,
            ),
            // an infinitive of purpose: asked for under a verb of asking, else intended
            (
                "The network petitioned the committee to protect the men.",
                "protect",
                Some(M::Demanded),
            ),
            (
                "The officers broke the door to arrest Oleg Marchenko.",
                "arrest",
                Some(M::Hypothetical),
            ),
            (
                "His relatives threatened to kill Oleg Marchenko.",
                "kill",
                Some(M::Threatened),
            ),
            // an open complement shares the words that make its verb hypothetical or negated
            (
                "The court may decide to release Oleg Marchenko.",
                "release",
                Some(M::Hypothetical),
            ),
            (
                "Oleg Marchenko did not manage to escape.",
                "escape",
                Some(M::Negated),
            ),
            ("Oleg Marchenko managed to escape.", "escape", None),
            // no one did it, or it was done to no one
            (
                "No one has been arrested for the attack.",
                "arrested",
                Some(M::Negated),
            ),
            ("No officer has been charged.", "charged", Some(M::Negated)),
            ("Nobody was detained.", "detained", Some(M::Negated)),
            ("One officer has been charged.", "charged", None),
            // what is not denied is no denial
            (
                "The authorities did not deny that Anna Roe had been detained.",
                "detained",
                Some(M::Alleged),
            ),
            (
                "The authorities denied that Anna Roe had been detained.",
                "detained",
                Some(M::Denied),
            ),
            // a telling dismissed is denied; a step of the case rejected is not
            (
                "Officials dismissed reports that he had been beaten.",
                "beaten",
                Some(M::Denied),
            ),
            (
                "The court rejected the appeal of Oleg Marchenko.",
                "appeal",
                None,
            ),
            // what one will not confirm is another's claim
            (
                "Police refused to confirm that Oleg Marchenko had been detained.",
                "detained",
                Some(M::Alleged),
            ),
            (
                "Police confirmed that Oleg Marchenko had been detained.",
                "detained",
                None,
            ),
            // what one is ordered to do is demanded of them, not done
            (
                "The president said he had ordered troops to shoot to kill without warning.",
                "kill",
                Some(M::Demanded),
            ),
            (
                "Ramzan Kadyrov has denied that he ordered the killing.",
                "killing",
                Some(M::Denied),
            ),
            // a passive verb's infinitive is its purpose, unless the verb passes its subject on
            (
                "He may be tortured to extract a confession.",
                "confession",
                Some(M::Hypothetical),
            ),
            (
                "He was tortured to extract a confession.",
                "confession",
                Some(M::Hypothetical),
            ),
            ("He was forced to sign a confession.", "confession", None),
            (
                "The two men are at risk of honour killings.",
                "killings",
                Some(M::Feared),
            ),
            (
                "The network demands the release of Oleg Marchenko.",
                "release",
                Some(M::Demanded),
            ),
            (
                "Amnesty called for the release of the journalist.",
                "release",
                Some(M::Demanded),
            ),
            (
                "Officials denied that Marchenko was tortured.",
                "tortured",
                Some(M::Denied),
            ),
            (
                "Kadyrov said she faces a real prison sentence.",
                "prison sentence",
                Some(M::Feared),
            ),
            ("She faces charges of fraud.", "charges", None),
            (
                "Her lawyer asked the court to overturn the sentence.",
                "overturn",
                Some(M::Demanded),
            ),
            (
                "Amnesty International calls on the authorities to quash her conviction.",
                "quash",
                Some(M::Demanded),
            ),
            (
                "Instead of being released at the end of the term, she was charged.",
                "released",
                Some(M::Negated),
            ),
            (
                "He was transferred to a prison rather than released.",
                "released",
                Some(M::Negated),
            ),
            ("He was instead released on bail.", "released", None),
            (
                "Opposition supporter tortured in military detention, lawyer says",
                "tortured",
                Some(M::Alleged),
            ),
            (
                "Officers tried to detain him but were unable to arrest him due to his immunity.",
                "arrest",
                Some(M::Negated),
            ),
            (
                "The court refused to release him on bail.",
                "release",
                Some(M::Negated),
            ),
            (
                "Iran: Independent investigation needed into death of Leila Karimi",
                "investigation",
                Some(M::Demanded),
            ),
            (
                "An independent investigation into his death is required.",
                "investigation",
                Some(M::Demanded),
            ),
            (
                "Prosecutors have not yet filed an indictment.",
                "indictment",
                Some(M::Negated),
            ),
            ("Prosecutors filed an indictment.", "indictment", None),
            (
                "Experts are alarmed by the reported torture of a lawyer.",
                "torture",
                Some(M::Alleged),
            ),
            (
                "Police did not arrest his brother.",
                "arrest",
                Some(M::Negated),
            ),
            (
                "Officers tried to detain her husband.",
                "detain",
                Some(M::Hypothetical),
            ),
            (
                "She would be transferred to the prison.",
                "transferred",
                Some(M::Hypothetical),
            ),
            // what is still to come
            (
                "The officer will be charged with homicide.",
                "charged",
                Some(M::Hypothetical),
            ),
            // what one is held without is not given
            (
                "They are held in the police station without access to a lawyer.",
                "access",
                Some(M::Negated),
            ),
            (
                "If he was abducted or killed, we will never know.",
                "killed",
                Some(M::Hypothetical),
            ),
            // naming an act is not asking for it
            (
                "Rights groups called the detention a kidnapping.",
                "kidnapping",
                None,
            ),
            (
                "His family believes he is being held by the security service.",
                "held",
                Some(M::Alleged),
            ),
            // what is vowed is threatened, what is promised still to come; what is reported,
            // said or believed of someone, a claim
            (
                "Kadyrov vowed to kill the blogger Tumso Abdurakhmanov.",
                "kill",
                Some(M::Threatened),
            ),
            (
                "The minister promised to arrest the protesters.",
                "arrest",
                Some(M::Hypothetical),
            ),
            (
                "In 2023 his brother Mukhammad was reported killed in Sweden.",
                "killed",
                Some(M::Alleged),
            ),
            (
                "The activist is believed to have been killed by security forces.",
                "killed",
                Some(M::Alleged),
            ),
            (
                "He was said to have been tortured in custody.",
                "tortured",
                Some(M::Alleged),
            ),
            // what one is charged with or accused of is the charge's claim, what one is
            // acquitted of no deed of theirs, an attempt no deed done
            (
                "The court acquitted Oleg Marchenko of murder on Monday.",
                "murder",
                Some(M::Negated),
            ),
            (
                "Pavel Ostrov was charged with the murder of Anna Roe in March.",
                "murder",
                Some(M::Alleged),
            ),
            (
                "Pavel Ostrov was charged with attempted murder in March.",
                "murder",
                Some(M::Hypothetical),
            ),
            (
                "He survived a murder attempt in 2020.",
                "murder",
                Some(M::Hypothetical),
            ),
            (
                "Irina Volkova was accused of plotting to kill the president.",
                "kill",
                Some(M::Hypothetical),
            ),
            // what someone says was done is their account; not what the speaker says it did
            (
                "His lawyer said he had been tortured in custody.",
                "tortured",
                Some(M::Alleged),
            ),
            (
                "Saudi Arabia said it fired two senior officials.",
                "fired",
                None,
            ),
            // a conjunct with a subject of its own is not under the first one's negation
            (
                "He did not flee the country, and he was arrested in March.",
                "arrested",
                None,
            ),
            ("He was not charged or tried.", "tried", Some(M::Negated)),
            // what a telling says is its claim; a rumour's is supposed; one called false, denied
            (
                "Rumours that Gogua had been killed spread on social media on Tuesday.",
                "killed",
                Some(M::Hypothetical),
            ),
            (
                "There were reports that officers had beaten him in the cell.",
                "beaten",
                Some(M::Alleged),
            ),
            (
                "Police said allegations that officers had beaten him were \"baseless\".",
                "beaten",
                Some(M::Denied),
            ),
            (
                "The claim that officers detained him is false.",
                "detained",
                Some(M::Denied),
            ),
            // a condition told by inversion, an act that may come
            (
                "Should he be sentenced, Poland will consider sanctions.",
                "sentenced",
                Some(M::Hypothetical),
            ),
            (
                "A guilty verdict would send a message to every reporter.",
                "verdict",
                Some(M::Hypothetical),
            ),
            (
                "His arrest was condemned by the United Nations.",
                "arrest",
                None,
            ),
            // what one is acquitted of, what one has yet to do: not done
            (
                "The court acquitted Ivan Dorn of torturing Pavel Ostrov.",
                "torturing",
                Some(M::Negated),
            ),
            (
                "Authorities have yet to charge Ivan Dorn.",
                "charge",
                Some(M::Negated),
            ),
            // a trial one is held for is still to come
            (
                "The judge ordered her detention pending trial.",
                "trial",
                Some(M::Hypothetical),
            ),
            (
                "He has been held awaiting trial since May.",
                "trial",
                Some(M::Hypothetical),
            ),
            (
                "She remains in custody pending the outcome of her trial.",
                "trial",
                Some(M::Hypothetical),
            ),
            // what is halted or suspended is not done
            (
                "Authorities have suspended the execution of Pavel Ostrov, his lawyer said.",
                "execution",
                Some(M::Negated),
            ),
            (
                "The execution has been stopped for now.",
                "execution",
                Some(M::Negated),
            ),
            ("Execution halted", "Execution", Some(M::Negated)),
            (
                "The court postponed the trial of Oleg Marchenko to May.",
                "trial",
                Some(M::Negated),
            ),
            // a lemma that lost its silent "e" ("declined" → "declin") is the same word
            (
                "The police declined to arrest Oleg Marchenko.",
                "arrest",
                Some(M::Negated),
            ),
            (
                "The court rejected her requests to postpone the trial.",
                "trial",
                Some(M::Demanded),
            ),
            // a step one is taken or sent for is still to come; a crime one is held for is not
            (
                "The men said they were taking him for questioning.",
                "questioning",
                Some(M::Hypothetical),
            ),
            (
                "Police detained him for questioning on Monday.",
                "questioning",
                Some(M::Hypothetical),
            ),
            (
                "He was sent for trial in May.",
                "trial",
                Some(M::Hypothetical),
            ),
            (
                "He was arrested for the murder of Ivan Dorn.",
                "murder",
                None,
            ),
            (
                "He was arrested for questioning the decree.",
                "questioning",
                None,
            ),
            // a command, a title's topic before it
            (
                "Marevo: Investigate Killing of Oleg Marchenko",
                "Investigate",
                Some(M::Demanded),
            ),
            ("Release Oleg Marchenko now.", "Release", Some(M::Demanded)),
            (
                "Police did not release Oleg Marchenko.",
                "release",
                Some(M::Negated),
            ),
            // a clause of time in the present on what could or will be is still to come
            (
                "He could face up to 30 years in prison when he is sentenced.",
                "sentenced",
                Some(M::Hypothetical),
            ),
            (
                "He will be freed once he is pardoned.",
                "pardoned",
                Some(M::Hypothetical),
            ),
            ("He was beaten when he was arrested.", "arrested", None),
            // what one is protected from, a danger named beside "risk" or "threats": feared,
            // threatened, not done
            (
                "The court must ensure that she is protected from torture.",
                "torture",
                Some(M::Feared),
            ),
            (
                "Ensure that she is protected from torture and other ill-treatment.",
                "ill-treatment",
                Some(M::Feared),
            ),
            (
                "Asylum Seeker Deported Despite Torture Risk",
                "Torture",
                Some(M::Feared),
            ),
            (
                "Oleg Marchenko has received death threats since May.",
                "death",
                Some(M::Threatened),
            ),
            (
                "Oleg Marchenko was protected by the police.",
                "protected",
                None,
            ),
            (
                "The court must protect the two men in custody from torture.",
                "torture",
                Some(M::Feared),
            ),
            // what nearly happened, or was escaped, did not; an attempt is no deed
            (
                "Anna Roe was nearly killed when a bomb exploded under her car.",
                "killed",
                Some(M::Negated),
            ),
            (
                "Pavel Ostrov was almost beaten to death in custody.",
                "beaten",
                Some(M::Negated),
            ),
            (
                "Pavel Ostrov was almost beaten to death in custody.",
                "death",
                Some(M::Negated),
            ),
            (
                "He narrowly escaped being killed by the gunmen.",
                "killed",
                Some(M::Negated),
            ),
            // what one deserves is a judgement, not a deed
            (
                "Kadyrov said the men deserved to be killed.",
                "killed",
                Some(M::Hypothetical),
            ),
            ("He was narrowly re-elected.", "re-elected", None),
            // what a purpose protests was done
            (
                "Pavel Ostrov went on hunger strike on 6 March to protest his detention.",
                "detention",
                None,
            ),
            (
                "Oleg Marchenko survived an assassination attempt in Marevo.",
                "assassination",
                Some(M::Hypothetical),
            ),
            // a relative clause the parse hangs beside the sentence is still inside what is told
            (
                "Magomed Aliyev, now 34, told investigators he was detained on March 12, 2015, \
                 and held for three days at a police station in Grozny, where officers beat him \
                 and threatened to kill his brother.",
                "beat",
                Some(M::Alleged),
            ),
        ] {
            let t = parse(s, 0, s.len());
            let a = s.find(act).unwrap();
            let got = t.modality((a, a + act.len()));
            assert_eq!(got, want, "{act} in {s}");
        }
    }

    /// What became of a request is read from the words tied to it, not from the sentence.
    #[test]
    fn the_answer_to_a_request_is_the_words_tied_to_it() {
        use casefile_model::Answer as A;
        for (s, act, want) in [
            (
                "Her requests to see the activists were refused, her lawyer said.",
                "requests",
                Some(A::Refused),
            ),
            (
                "The court rejected the appeal on Monday.",
                "appeal",
                Some(A::Refused),
            ),
            ("The court granted the appeal.", "appeal", Some(A::Granted)),
            ("She won an appeal last month.", "appeal", Some(A::Granted)),
            (
                "The court struck down her lawyer's request for more time.",
                "request",
                Some(A::Refused),
            ),
            ("Her appeal is still pending.", "appeal", Some(A::Pending)),
            (
                "The family asked for protection but was refused.",
                "asked",
                Some(A::Refused),
            ),
            // a refusal of something else in the sentence says nothing of the request
            (
                "The family has rejected the official version and demanded an investigation.",
                "demanded",
                None,
            ),
            (
                "The family rejected the police account and filed an appeal.",
                "appeal",
                None,
            ),
        ] {
            let t = parse(s, 0, s.len());
            let a = s.find(act).unwrap();
            assert_eq!(t.answer((a, a + act.len())), want, "{act} in {s}");
        }
    }
}
