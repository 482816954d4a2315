//! Event mentions: a controlled vocabulary of act types after the HURIDOCS Events Standard
//! Formats, each mapped to a PLOVER event type and mode (see docs/events.md). Each mention
//! carries its trigger span, participants with roles, place, time and modality.

use std::sync::OnceLock;

use casefile_model::{
    ActKind, Document, EntityKind, EventMention, Mention, MentionRole, Modality, ParticipantRole,
    Span, Timex,
};
use regex::Regex;

use crate::grammar::Tie;
use crate::re;

/// One act type of the vocabulary.
pub struct ActType {
    /// casefile's name for the act (used in case.json).
    pub name: ActKind,
    /// Label for people.
    pub label: &'static str,
    /// PLOVER event type and mode.
    pub plover: (&'static str, &'static str),
    /// A violation against the victims (participants default to victims).
    pub violation: bool,
    /// Trigger pattern (lower-case text).
    pattern: &'static str,
}

/// The vocabulary, in the order triggers are tried.
pub const ACTS: &[ActType] = &[
    ActType {
        name: ActKind::Abduction,
        label: "abduction",
        plover: ("ASSAULT", "abduct"),
        violation: true,
        // someone taken from home ("officers took him from his home", "was dragged from the
        // flat") or forced into a vehicle ("forced his son into a car", "bundled into a van")
        pattern: r"abduct(?:ed|ion|ions)?|kidnap(?:ped|ping|pings)?|snatched|(?:took|taken|dragged|seized) (?:(?:him|her|them) )?(?:away )?from (?:her|his|their|the) (?:family |own )?(?:homes?|houses?|apartments?|flats?)|(?:forced|bundled|pushed|dragged|shoved) (?:(?:him|her|them|his|their|the|\w+) ){0,3}into an? (?:car|van|vehicle|minibus)",
    },
    ActType {
        name: ActKind::Disappearance,
        label: "disappearance",
        plover: ("ASSAULT", "abduct"),
        violation: true,
        pattern: r"disappear(?:ed|ance)?|vanish(?:ed)?\b|went missing|were missing|was missing|(?:has|have|had) been missing|whereabouts",
    },
    ActType {
        name: ActKind::Arrest,
        label: "arrest",
        plover: ("COERCE", "arrest"),
        violation: true,
        // "picked up" only when someone is picked up by someone (see `picks_up_no_one`)
        pattern: r"arrest(?:ed|s|ing)?|seiz(?:ed|ure|ing)|apprehended|rounded up|detained|detain(?:ing|s)?\b|(?:taken|took (?:him|her|them)) into custody|picked (?:(?:him|her|them) )?up\b",
    },
    ActType {
        name: ActKind::Detention,
        label: "detention",
        plover: ("COERCE", "arrest"),
        violation: true,
        pattern: r"detention(?: cent(?:er|re))?|(?:being |been |are |is |were |was )held|in custody|incommunicado|imprison(?:ed|ment)|jailed",
    },
    ActType {
        name: ActKind::Raid,
        label: "raid or search",
        plover: ("COERCE", "seize"),
        violation: true,
        // a search is a raid when premises are searched, not when a forest is searched for remains
        pattern: r"raid(?:ed|s)?|(?:broke|burst|forced their way) into|stormed|searched (?:(?:his|her|their|its|the|a|an|several|two|three)\s+)?(?:\w+\s+)?(?:homes?|houses?|apartments?|flats?|offices?|premises|rooms?)\b",
    },
    ActType {
        name: ActKind::Torture,
        label: "torture",
        plover: ("ASSAULT", "torture"),
        violation: true,
        pattern: r"tortur(?:e|ed|ing)",
    },
    ActType {
        name: ActKind::IllTreatment,
        label: "ill-treatment",
        plover: ("ASSAULT", "beat"),
        violation: true,
        // "beat" alone when it beats someone (see `beats_no_one`)
        pattern: r"beat(?:en|ing|ings)|beat (?:me|him|her|them|us)\b|beat\b|ill-treat(?:ed|ment)|physical and psychological violence|grabbed|hit me",
    },
    ActType {
        // violence against a person short of a killing: an assault, a stabbing, a poisoning;
        // only of someone (see `attacks_no_one`)
        name: ActKind::Attack,
        label: "attack or assault",
        plover: ("ASSAULT", "assault"),
        violation: true,
        pattern: r"attack(?:ed|s)?\b|assault(?:ed|s)?\b|stabb(?:ed|ing)\b|poison(?:ed|ing)\b|shot and (?:seriously |badly |severely )?(?:wounded|injured)",
    },
    ActType {
        name: ActKind::Threat,
        label: "threat",
        plover: ("THREATEN", "threaten"),
        violation: true,
        // a threat someone makes; a danger one is in ("at risk of", "in mortal danger") is no
        // act, but the fear of the act it names (see `governing_modality`)
        // "vowed to destroy the family": a vow of harm (see `vows_no_harm`)
        pattern: r"threat(?:s|ened|ening)?|ready to kill|vow(?:ed|s)?\b|swore\b",
    },
    ActType {
        name: ActKind::Killing,
        label: "killing",
        plover: ("ASSAULT", "kill"),
        violation: true,
        // an execution is a killing by the state ("Iran has executed a second man", "was
        // publicly hanged"); not a crime or a plan executed (see `acts_on_a_thing`)
        pattern: r"murder(?:ed|s)?|assassinat(?:ed|ions?)\b|killed|killings?|kill\b|execut(?:ed|ions?)\b|hanged|put to death|(?:choked|strangled|beaten|beat|tortured|stabbed|hacked|bludgeoned|burned|burnt|kicked|starved) (?:(?:him|her|them) )?to death|shot dead",
    },
    ActType {
        // a death in the hands of the state, whatever its cause ("died in police custody",
        // "was found dead in his cell"): the state answers for it
        name: ActKind::DeathInCustody,
        label: "death in custody",
        plover: ("ASSAULT", "kill"),
        violation: true,
        pattern: r"(?:died|dies|death|dead) in (?:a |the |his |her )?(?:police |pre-trial |state |military )?(?:custody|detention(?: cent(?:re|er)| facility)?|prison|jail)|(?:died|dies|death|dead) in (?:his|her|their|a|the) (?:prison |police )?cell",
    },
    ActType {
        // a body cut up or disfigured (or a person: the act is violent either way)
        name: ActKind::Mutilation,
        label: "mutilation or dismemberment",
        plover: ("ASSAULT", "mutilate"),
        violation: true,
        pattern: r"dismember(?:ed|ment|ing)?|mutilat(?:ed|ion|ing)|decapitat(?:ed|ion)",
    },
    ActType {
        // what was done with a dead person's body: removed, handed off, destroyed, buried or
        // hidden by those who held it, which keeps it from the family; only of remains ("the
        // body was handed over to a local collaborator", not "removed from office": see
        // `done_to_remains`)
        name: ActKind::RemainsDisposal,
        label: "disposal of the remains",
        plover: ("ASSAULT", "desecrate"),
        violation: true,
        pattern: r"dispos(?:ed|al|ing) of|dumped|buried|burn(?:ed|t)|dissolved|destroyed|removed|handed off|hid|hidden|concealed",
    },
    ActType {
        name: ActKind::ForcedReturn,
        label: "forced transfer or return",
        plover: ("COERCE", "deport"),
        violation: true,
        // "taken to", "driven to", "brought to" only to a named place ("taken to Grozny", not
        // "taken to hospital": see `moved_to_no_named_place`)
        pattern: r"returned|sent back|handed (?:over|back|the men|them)|handing over|deport(?:ed|ations?|ing|s)?\b|transferred|transfer to|taken (?:by car )?back|transported back|extradit(?:ed|ion)|delivered|(?:taken|driven(?: all the way)?|brought|transported) to\b",
    },
    ActType {
        name: ActKind::Flight,
        label: "flight or displacement",
        plover: ("RETREAT", "flee"),
        violation: true,
        // "leave" only as what one is helped, forced or has to do ("helped them leave the
        // country", "had to leave": see `leaves_of_own_accord`)
        pattern: r"fled|flee(?:ing)?\b|escap(?:ed|ing|e)|relocated|forced to leave|\bleave\b|(?:took|taught|sought) refuge",
    },
    ActType {
        name: ActKind::CriminalCharge,
        label: "criminal charge",
        plover: ("ACCUSE", "charge"),
        violation: true,
        pattern: r"charged|charges?\b|accusations?|accused|on suspicion of|indict(?:ed|ment)|prosecut(?:ed|ion)|terrorism investigation|criminal case",
    },
    ActType {
        name: ActKind::Trial,
        label: "trial",
        plover: ("ACCUSE", "trial"),
        violation: true,
        pattern: r"\btrial\b|sentenced|convicted|(?:convicts|sentences) (?:him|her|them)\b|verdict|(?:prison|death|jail|life|\d+-year) sentences?\b",
    },
    ActType {
        // a higher court's decision on a sentence or a verdict (appeal, cassation, review)
        name: ActKind::Ruling,
        label: "ruling on a sentence",
        plover: ("ACCUSE", "ruling"),
        violation: false,
        pattern: r"overturn(?:ed|s|ing)?\b|quash(?:ed|es|ing)?\b|upheld|uphold(?:s|ing)?\b|commut(?:ed|es|ing)\b|acquit(?:ted|s)?\b|annull?(?:ed|s)?\b|(?:reduced|cut|shortened|lowered) (?:(?:the|her|his|their|its|a)\s+)?(?:[\w’']+\s+){0,3}(?:sentences?|terms?|verdicts?)\b",
    },
    ActType {
        // a court's decision on a complaint against a state or an official: a violation found,
        // compensation ordered ("the Court held that there had been a violation of Article 3",
        // "ordered Russia to pay 26,000 euros"); a step answering the case
        name: ActKind::Judgment,
        label: "judgment on a complaint",
        plover: ("ACCUSE", "judgment"),
        violation: false,
        pattern: r"judgments?\b|(?:ruled|rules|ruling)(?: (?:in|on|last) [\w,]+){0,1} that|found (?:that there had been )?(?:an? |two |several |multiple )?violations? of|held(?:, unanimously,)? that there (?:had been|was|were)|ordered (?:[\w’']+\s+){1,3}to pay",
    },
    ActType {
        name: ActKind::Release,
        label: "release",
        plover: ("CONCEDE", "release"),
        violation: false,
        pattern: r"released\b|freed\b|release of",
    },
    ActType {
        // those with the right to forgive setting a penalty aside (a head of state, a court, a
        // victim's family where the law lets it): an intervention in the case
        name: ActKind::Pardon,
        label: "pardon",
        plover: ("CONCEDE", "pardon"),
        violation: false,
        pattern: r"pardon(?:ed|s|ing)?\b|clemency",
    },
    ActType {
        name: ActKind::CoercedStatement,
        label: "coerced statement",
        plover: ("COERCE", "coerce statement"),
        violation: true,
        pattern: r"confess(?:ed|ion|ions)|apolog(?:y|ies|ize|ized|ise|ised)|apology videos?|forced to sign|under duress|recorded video",
    },
    ActType {
        name: ActKind::ProtectionGranted,
        label: "protection granted",
        plover: ("AID", "protect"),
        violation: false,
        pattern: r"(?:granted|offered|given|grant|offer)\s+(?:state\s+)?protection|state protection|to protect the men",
    },
    ActType {
        name: ActKind::Petition,
        label: "petition or appeal",
        plover: ("REQUEST", "petition"),
        violation: false,
        pattern: r"petition(?:ed|s)?|appeal(?:ed|s)?\b|request(?:s|ed)?\b|demand(?:s|ed)?\b|urg(?:ed|es)\b|call(?:ed|s)? (?:on|for)\b|campaigning for|ask(?:ed|s)\b",
    },
    ActType {
        name: ActKind::PublicStatement,
        label: "public statement",
        plover: ("DISAPPROVE", "statement"),
        violation: false,
        // "Responding to the verdict, X said …": a response, when it is a statement's (see
        // `responds_in_no_statement`)
        pattern: r"statement|denounc(?:ed|es)|described as|condemn(?:ed|s)?|dismissed|den(?:y|ies|ied|ying)\b|call(?:ed|s|ing)?\b|(?:said|says|added|wrote|posted)\s+(?:on|in)\s+(?:Twitter|X|Facebook|Telegram|Instagram|VKontakte|social\s+media|a\s+(?:tweet|post|video))\b|claimed|tweeted|acknowledg(?:ed|es)\b|(?:an|the|a|his|her|their|its) interview\b|(?:respond(?:ed|ing)?|react(?:ed|ing)?|in response|in reaction) to\b",
    },
    ActType {
        name: ActKind::Persecution,
        label: "persecution campaign",
        plover: ("ASSAULT", "persecute"),
        violation: true,
        pattern: r"persecut(?:ion|ed)|purges?|crackdown|campaign against",
    },
    ActType {
        name: ActKind::AccessToCounsel,
        label: "access to counsel",
        plover: ("CONCEDE", "access"),
        violation: false,
        // "refused access", "without access": access not given (see `names_its_refusal`)
        pattern: r"allowed access|access to (?:a |their )?lawyers?|(?:refused|denied) access|without access to lawyers",
    },
    ActType {
        // an authority or a body looking into what happened: an intervention, not an act
        // against anyone ("investigators" are people, not the act)
        name: ActKind::Investigation,
        label: "investigation or inquiry",
        plover: ("INVESTIGATE", "investigate"),
        violation: false,
        pattern: r"investigat(?:e|es|ed|ing|ion|ions)\b|inquir(?:y|ies)\b|probe\b",
    },
    ActType {
        // an authority putting questions to people (the ones it holds, witnesses, staff); not
        // someone doubting a thing ("questioned the verdict": see `questions_no_one`)
        name: ActKind::Questioning,
        label: "questioning",
        plover: ("INVESTIGATE", "question"),
        violation: false,
        pattern: r"question(?:ed|ing)\b|interrogat(?:ed|ion|ions|ing)\b",
    },
    ActType {
        // measures a state takes against those it holds responsible
        name: ActKind::Sanctions,
        label: "sanctions",
        plover: ("COERCE", "sanction"),
        violation: false,
        pattern: r"sanction(?:s|ed)?\b",
    },
    ActType {
        // people removed from their office by those they answer to, over what happened: a
        // measure of accountability, not an act against anyone; only of people ("fired two
        // senior officials", not "fired shots" or "dismissed the accusations": see
        // `removes_someone`)
        name: ActKind::Dismissal,
        label: "dismissal from office",
        plover: ("SANCTION", "dismiss"),
        violation: false,
        pattern: r"fired|dismissed|dismissals?\b|sacked|ousted",
    },
    ActType {
        // a state sending another state's diplomats out over the case: a measure, as sanctions
        // are; only of envoys ("expelled two Russian diplomats", "the expulsion of the
        // ambassador", not "expelled from school": see `sends_envoys_out`)
        name: ActKind::Expulsion,
        label: "expulsion of diplomats",
        plover: ("SANCTION", "expel"),
        violation: false,
        pattern: r"expel(?:led|s|ling)?\b|expulsions?\b",
    },
    ActType {
        // investigators looking for someone or something: not an act against anyone
        name: ActKind::Search,
        label: "search",
        plover: ("INVESTIGATE", "search"),
        violation: false,
        pattern: r"searched|search(?:es|ing)? for|look(?:ed|ing)? for|hunt(?:ed|ing)? for",
    },
    ActType {
        // a person or a body put on a state's list of terrorists or extremists, or named a
        // "foreign agent" or "undesirable": a step of persecution done to them (only so:
        // see `designates`)
        name: ActKind::Designation,
        label: "designation",
        plover: ("COERCE", "designate"),
        violation: true,
        pattern: r"(?:added|included|entered|put|placed|designated|declared|labell?ed|branded|listed)\b",
    },
];

/// The vocabulary's entry for an act kind.
pub fn act(kind: ActKind) -> &'static ActType {
    ACTS.iter()
        .find(|a| a.name == kind)
        .expect("every act kind is in the vocabulary")
}

fn patterns() -> &'static Vec<Regex> {
    static P: OnceLock<Vec<Regex>> = OnceLock::new();
    P.get_or_init(|| {
        ACTS.iter()
            .map(|a| Regex::new(&format!(r"(?i)\b(?:{})", a.pattern)).expect("valid regex"))
            .collect()
    })
}

/// Whether a time expression names a day or a week (or is relative, "last Thursday").
fn day_level(t: &Timex) -> bool {
    t.value.as_ref().map_or(t.relative, |v| {
        v.precision >= casefile_model::Precision::Week
    })
}

/// The pair of people a report's "the two men", "the pair" refer to: the two persons it names
/// together ("X and Y") most often, when one pair stands out. Their first mentions.
pub fn group_pair(text: &str, mentions: &[Mention]) -> Option<(usize, usize)> {
    // (surnames of the pair, times named together, their first mentions)
    type PairCount = ((String, String), usize, (usize, usize));
    let mut counts: Vec<PairCount> = Vec::new();
    let persons: Vec<usize> = (0..mentions.len())
        .filter(|&i| mentions[i].kind == EntityKind::Person)
        .collect();
    for w in persons.windows(2) {
        let (a, b) = (&mentions[w[0]], &mentions[w[1]]);
        if b.span.start < a.span.end || text[a.span.end..b.span.start].trim() != "and" {
            continue;
        }
        let key = (
            a.text.split_whitespace().last().unwrap_or("").to_string(),
            b.text.split_whitespace().last().unwrap_or("").to_string(),
        );
        match counts.iter_mut().find(|c| c.0 == key) {
            Some(c) => c.1 += 1,
            None => counts.push((key, 1, (w[0], w[1]))),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    match counts.as_slice() {
        [] => None,
        [only] => Some(only.2),
        [first, second, ..] if first.1 > second.1 => Some(first.2),
        _ => None,
    }
}

/// What every sentence of a document is read against.
struct Ctx<'a> {
    doc: &'a Document,
    text: &'a str,
    mentions: &'a [Mention],
    timexes: &'a [Timex],
    quotes: &'a [(usize, usize)],
    /// The pair of people "the two men" stands for.
    pair: Option<(usize, usize)>,
    /// Where the report's opening ends (see [`opening_end`]).
    opening: usize,
}

impl Ctx<'_> {
    /// Whether the bytes `start..end` lie inside one of the report's quotations.
    fn quoted(&self, start: usize, end: usize) -> bool {
        self.quotes.iter().any(|&(qs, qe)| qs <= start && end <= qe)
    }
}

/// One sentence: its number and range, the names in it and its date expressions.
struct Sentence<'s> {
    si: usize,
    ss: usize,
    se: usize,
    st: &'s str,
    in_sentence: Vec<usize>,
    times: Vec<usize>,
    /// The one person the sentence before, in the same paragraph, is about: the subject of its
    /// main verb (see [`subject_before`]).
    subject_before: Option<usize>,
}

impl Sentence<'_> {
    /// The sentence's times whose byte range passes `keep`.
    fn times_where(&self, timexes: &[Timex], keep: impl Fn(usize, usize) -> bool) -> Vec<usize> {
        let span = |t: usize| (timexes[t].span.start, timexes[t].span.end);
        self.times
            .iter()
            .copied()
            .filter(|&t| keep(span(t).0, span(t).1))
            .collect()
    }
}

/// A trigger found: the act and its byte range.
struct Trigger {
    act: &'static ActType,
    ts: usize,
    te: usize,
    /// Every span of the sentence that names the act ("the arrest of X, who was detained"):
    /// a name's tie to any of them counts.
    all: Vec<(usize, usize)>,
}

impl Trigger {
    /// Every span that names the act: the trigger, then the others of `all`.
    fn spans(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        std::iter::once((self.ts, self.te)).chain(self.all.iter().copied())
    }

    /// The trigger split by clause: a later word of the act that is the verb of a clause
    /// joined by "and" with a subject and a time of its own (of the sentence's `times`) tells
    /// another act of the kind, with its own participants, time and place ("Oleg Marchenko was
    /// hanged on 8 December and Pavel Ostrov was hanged on 12 December in Marevo"). With no
    /// time of its own, it may tell the same act again ("arrested in April 2020 …, but in
    /// reality they were detained because of …").
    fn own_clauses(self, tree: &crate::grammar::Tree, times: &[(usize, usize)]) -> Vec<Trigger> {
        let first = tree.head_of(self.ts, self.te);
        let timed = |h: usize| {
            times.iter().any(|&(s, e)| {
                tree.head_of(s, e)
                    .is_some_and(|t| tree.head(t) == Some(h) && tree.rel(t).starts_with("obl"))
            })
        };
        let apart = |&(s, e): &(usize, usize)| {
            s > self.ts
                && tree.head_of(s, e).is_some_and(|h| {
                    Some(h) != first
                        && tree.words[h].word.upos == "VERB"
                        && tree.rel(h) == "conj"
                        && tree.children(h).any(|c| tree.rel(c).starts_with("nsubj"))
                        && timed(h)
                })
        };
        let (others, rest): (Vec<_>, Vec<_>) = self.all.iter().copied().partition(apart);
        let act = self.act;
        let mut out = vec![Trigger { all: rest, ..self }];
        out.extend(others.into_iter().map(|(ts, te)| Trigger {
            act,
            ts,
            te,
            all: vec![(ts, te)],
        }));
        out
    }
}

/// Whether a telling ties no one to its act (every name in it is a source or merely there).
fn names_no_one(em: &EventMention) -> bool {
    em.participants
        .iter()
        .all(|p| matches!(p.role, ParticipantRole::Other | ParticipantRole::Source))
}

/// Find event mentions in a document: in each sentence, each act of the vocabulary whose
/// trigger occurs, with its participants, place, time and modality. `last_time` carries the
/// narrative's time from sentence to sentence.
pub fn find(
    doc: &Document,
    sentences: &[(usize, usize)],
    mentions: &[Mention],
    timexes: &[Timex],
    quotes: &[(usize, usize)],
) -> Vec<EventMention> {
    find_with(
        doc,
        sentences,
        mentions,
        timexes,
        quotes,
        &mut Default::default(),
    )
}

/// [`find`], taking sentences' trees from `trees` (and keeping those it parses there).
pub fn find_with(
    doc: &Document,
    sentences: &[(usize, usize)],
    mentions: &[Mention],
    timexes: &[Timex],
    quotes: &[(usize, usize)],
    trees: &mut crate::grammar::Trees,
) -> Vec<EventMention> {
    let text = doc.text.as_str();
    let cx = Ctx {
        doc,
        text,
        mentions,
        timexes,
        quotes,
        pair: group_pair(text, mentions),
        opening: opening_end(doc),
    };
    let mut out = Vec::new();
    let mut timeline = Timeline::Known(None);
    let order = InTextOrder::of(mentions, timexes);
    for (si, &(ss, se)) in sentences.iter().enumerate() {
        if doc.boilerplate.iter().any(|b| b.start <= ss && se <= b.end) {
            continue;
        }
        let sent = order.sentence(text, si, (ss, se));
        let first_new = out.len();
        let found = triggers(&cx, &sent);
        // (read only for a sentence with an act and a "he" or "she" the sentence's names leave
        // open)
        let sent = Sentence {
            subject_before: match found.is_empty() || !sent_has_pronoun(&sent) || si == 0 {
                true => None,
                false => {
                    let prev = order.sentence(text, si - 1, sentences[si - 1]);
                    subject_before(&cx, &prev, (ss, se), trees)
                }
            },
            ..sent
        };
        // a line with no closing stop is a headline, a heading or a caption: its grammar is too
        // often misread ("appeals" as a noun) to call its act a kind, and it starts a new part,
        // which the narrative's time before it does not date
        let full = sent.st.trim_end().ends_with(['.', '!', '?', '"', '”']);
        // a heading is a line of its own; a credit after a sentence ("**Tomas Berg / Photo**")
        // is not
        let (ahead, after) = (
            text[..ss].trim_end_matches([' ', '\t']),
            text[se..].trim_start_matches([' ', '\t', '\r']),
        );
        let own_line = ahead.is_empty() || ahead.ends_with('\n');
        let line_ends = after.is_empty() || after.starts_with('\n');
        if !full && own_line && line_ends {
            timeline = Timeline::Known(None);
        }
        if found.is_empty() {
            // no act: the grammar of a sentence with a time is read only if an act told after
            // it needs the narrative's time
            timeline.pass(sent, timexes);
            continue;
        }
        // an act in a sentence with no time of its own may take the narrative's time: work it
        // out if it can reach this far
        if sent.times.is_empty() && timeline.reaches(si) {
            timeline.resolve(timexes, text, mentions, trees);
        }
        let last_time = timeline.known();
        // the grammar, read for every sentence that tells of an act
        let names = crate::coref::name_spans(mentions, ss, se);
        let tree = trees.get(text, ss, se, names);
        let mut times = read_times(&sent, tree, timexes, mentions);
        // an act the writer tells as standing now ("the men have now been offered protection")
        // brings the report to the time of writing: the narrative's day before it ends
        times.to_now |= sent.times.is_empty()
            && found
                .iter()
                .any(|tr| tree.told_now(tr.ts, tr.te) && !cx.quoted(tr.ts, tr.ts + 1));
        // the time of an act a proceeding is about ("has convicted seven men of the murder of
        // X in March 2016") is told as what the proceeding is for: background, not the day the
        // story has reached ("One defendant was acquitted" is no acquittal of March 2016)
        times.background.extend(sent.times_where(timexes, |s, e| {
            found
                .iter()
                .any(|tr| tr.act.name.is_proceeding() && dates_another_act(tree, (s, e), tr))
        }));
        let found = by_clause(tree, &sent, timexes, found);
        let asking_for_nothing: Vec<bool> = found
            .iter()
            .map(|tr| {
                asks_for_no_act(tree, tr, &found)
                    || punished_for(tree, tr, &found)
                    || responds_in_no_statement(tree, tr, &found)
                    || doers_getaway(tree, tr, &found)
            })
            .collect();
        for (tr, nothing) in found.into_iter().zip(asking_for_nothing) {
            let Some(tr) = stated(text, tree, tr).filter(|_| !nothing) else {
                continue;
            };
            let em = event_mention(&cx, &sent, &tr, last_time, tree);
            out.extend(telling(&cx, tree, &tr, em, full));
        }
        order_acts(tree, &mut out, first_new);
        timeline.after_acts(&out[first_new..], mentions, sent, times, timexes);
    }
    out
}

/// The sentence's triggers, each moved past a word that only names the point another act is
/// timed from, and split by clause: the same act told again in a clause of its own ("X was
/// hanged on 8 December and Y was hanged on 12 December in Mashhad") is another telling.
fn by_clause(
    tree: &crate::grammar::Tree,
    sent: &Sentence,
    timexes: &[Timex],
    found: Vec<Trigger>,
) -> Vec<Trigger> {
    let time_spans: Vec<(usize, usize)> = sent
        .times
        .iter()
        .map(|&t| (timexes[t].span.start, timexes[t].span.end))
        .collect();
    found
        .into_iter()
        .flat_map(|tr| past_the_reference_point(tree, tr).own_clauses(tree, &time_spans))
        .collect()
}

/// The trigger moved to a later word of its kind in the sentence when its first word only
/// names the point another act is timed from ("Five days after the killing, reporter X was shot
/// dead": the act told is the shooting).
fn past_the_reference_point(tree: &crate::grammar::Tree, mut tr: Trigger) -> Trigger {
    if tree.reference_point((tr.ts, tr.te)).is_some() {
        if let Some(&(s, e)) = tr
            .all
            .iter()
            .find(|&&(s, e)| s > tr.ts && tree.reference_point((s, e)).is_none())
        {
            (tr.ts, tr.te) = (s, e);
        }
    }
    tr
}

/// The act a trigger states, as the grammar reads it (see [`act_on_remains`]), or None when it
/// states none: an accusation of others, a sentence being served, questions put to no one, a
/// statement taken down by an official, a removing word that removes no one, a move to no named
/// place.
fn stated(text: &str, tree: &crate::grammar::Tree, mut tr: Trigger) -> Option<Trigger> {
    tr.act = act_on_remains(tree, &tr)?;
    let none = accusation_of_others(tree, &tr)
        || serving_a_sentence(tree, &tr)
        || questions_no_one(tree, &tr)
        || statement_taken_down(tree, &tr)
        || (tr.act.name == ActKind::Dismissal) != removes_someone(tree, &tr)
        || (tr.act.name == ActKind::Expulsion && !sends_envoys_out(tree, &tr))
        || (tr.act.name == ActKind::Designation && !designates(tree, &tr))
        || moved_to_no_named_place(text, tree, &tr)
        || returns_of_own_accord(tree, &tr)
        || leaves_of_own_accord(text, tree, &tr)
        || escapes_a_danger(tree, &tr)
        || picks_up_no_one(text, tree, &tr)
        || acts_on_a_thing(text, tree, &tr)
        || describes_who_acts(text, tree, &tr)
        || dismisses_a_step(text, tree, &tr)
        || refuses_a_thing(tree, &tr)
        || calls_it_nothing(tree, &tr)
        || confesses_freely(text, tree, &tr)
        || the_penalty_of_a_sentence(tree, &tr)
        || names_a_court(tree, &tr)
        || what_a_law_forbids(text, &tr)
        || some_act_of_no_one(tree, &tr)
        || any_act_of_its_kind(tree, &tr)
        || told_as_a_habit(tree, &tr)
        || vows_no_harm(tree, &tr)
        || beats_no_one(text, tree, &tr)
        || attacks_no_one(tree, &tr)
        || names_those_it_was_done_to(tree, &tr);
    (!none).then_some(tr)
}

/// Whether the act's word is a participle standing for people, with an article and in a noun's
/// place ("five of the accused", "the detained were released"), or describing a plural noun
/// with no article, number or possessor ("campaigned for the release of detained Uyghurs",
/// "jailed journalists"): it names those the act was done to, or a kind of people, and tells
/// no act of its own.
fn names_those_it_was_done_to(tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    let kind_of_people = |w: usize| {
        tree.rel(w) == "amod"
            && matches!(tree.words[w].word.xpos.as_str(), "VBN" | "VBD" | "JJ")
            && tree.head(w).is_some_and(|n| {
                // a people's name in the plural may be tagged a singular proper noun
                let word = &tree.words[n].word;
                let plural = matches!(word.xpos.as_str(), "NNS" | "NNPS")
                    || (word.xpos == "NNP" && word.form.ends_with('s'));
                plural
                    && !tree
                        .children(n)
                        .any(|c| matches!(tree.rel(c), "det" | "nummod" | "nmod:poss"))
            })
    };
    tree.head_of(tr.ts, tr.te).is_some_and(|w| {
        kind_of_people(w)
            || tree.words[w].word.xpos == "VBN"
                && matches!(
                    tree.rel(w),
                    "nsubj" | "nsubj:pass" | "obj" | "iobj" | "obl" | "nmod"
                )
                && tree.children(w).any(|c| {
                    tree.rel(c) == "det" && tree.words[c].word.lemma.to_lowercase() == "the"
                })
                && tree
                    .children(w)
                    .all(|c| matches!(tree.rel(c), "det" | "case" | "amod" | "punct"))
    })
}

/// The narrative's time, worked out only as far as an act needs it. A sentence that tells of
/// no act but has a time changes the narrative by what its grammar says of its times (a time in
/// a clause on a noun is background, one beside a verb of saying is the day of news), and most
/// such sentences are followed by no act the narrative could date; they wait, unparsed, in
/// `Deferred` until one is ([`Timeline::reaches`]). The outcome is the same as reading each
/// sentence's grammar as it comes.
enum Timeline<'s> {
    /// The narrative's time after the sentences read so far.
    Known(Option<Narrative>),
    /// The narrative's time before `steps`, the sentences since then, in order, each with what
    /// its grammar says of its times when already read (its background and its times of saying).
    Deferred {
        base: Option<Narrative>,
        steps: Vec<(Sentence<'s>, Option<TimesRead>)>,
    },
}

/// What a sentence's grammar says of its times ([`read_times`]).
#[derive(Default)]
struct TimesRead {
    /// Times that are never the narrative's: told in a clause on a noun ("Khashoggi, who was
    /// killed in 2018", "a photo taken in 2014"), what the sentence says of a person or a thing;
    /// or starting a span ("has been held since 2017"), when a state began; or dating a clause
    /// in the past perfect ("said it had granted him protection in 2022"), told looking back;
    /// or put before a noun to say which one ("the January protests"), that thing's time.
    background: Vec<usize>,
    /// Times that date a verb of saying ("the office said Wednesday").
    said_on: Vec<usize>,
    /// Whether a time starts a span the sentence tells as lasting to now ("has been at the
    /// centre of investigations since 2017"), or the sentence tells an act as standing now ("have
    /// now been offered protection"): the report is brought to the time of writing, and the
    /// narrative's day before it ends.
    to_now: bool,
    /// Whether the sentence names anyone: a person, a group or a body by name, or a pronoun
    /// for people. A time of a sentence that names no one and dates no act is a thing's
    /// history ("The pistol was sold in 1986"), not the story's (see [`narrative_after`]).
    names_someone: bool,
    /// Whether a time is what the sentence is about ("It was March 3."): the story's time.
    is_the_time: bool,
    /// Whether a clause of time with no date of its own moves the story on to a time the report
    /// does not give ("He was not released when the term ended"): the narrative's day ends.
    moves_on: bool,
}

impl<'s> Timeline<'s> {
    /// The narrative's time, if worked out.
    fn known(&self) -> Option<Narrative> {
        match self {
            Timeline::Known(n) => *n,
            Timeline::Deferred { .. } => None,
        }
    }

    /// Whether the narrative's time, once worked out, could date an act of sentence `si`: it is
    /// carried at most three sentences ([`time_of`]), and no sentence waiting is nearer than its
    /// last.
    fn reaches(&self, si: usize) -> bool {
        match self {
            Timeline::Known(_) => false,
            Timeline::Deferred { steps, .. } => steps.last().is_some_and(|(s, _)| s.si + 3 >= si),
        }
    }

    /// A sentence telling of no act.
    fn pass(&mut self, sent: Sentence<'s>, timexes: &[Timex]) {
        match self {
            Timeline::Known(before) if sent.times.is_empty() => {
                *before = narrative_after(&[], &[], &sent, &TimesRead::default(), timexes, *before);
            }
            Timeline::Known(before) => {
                *self = Timeline::Deferred {
                    base: *before,
                    steps: vec![(sent, None)],
                }
            }
            Timeline::Deferred { steps, .. } => steps.push((sent, None)),
        }
    }

    /// A sentence that told of acts (`told`), its times' grammar read.
    fn after_acts(
        &mut self,
        told: &[EventMention],
        mentions: &[Mention],
        sent: Sentence<'s>,
        times: TimesRead,
        timexes: &[Timex],
    ) {
        match self {
            Timeline::Known(before) => {
                *before = narrative_after(told, mentions, &sent, &times, timexes, *before)
            }
            Timeline::Deferred { steps, .. } => {
                // a time of the sentence's own starts the narrative afresh, one lasting to now
                // ends it; else the sentence waits with the rest (told as it was, an act dated
                // by no time of the context)
                match narrative_after(told, mentions, &sent, &times, timexes, None) {
                    Some(fresh) => *self = Timeline::Known(Some(fresh)),
                    None if times.to_now => *self = Timeline::Known(None),
                    None => steps.push((sent, Some(times))),
                }
            }
        }
    }

    /// Work out the narrative's time: read the waiting sentences' grammar, in order.
    fn resolve(
        &mut self,
        timexes: &[Timex],
        text: &str,
        mentions: &[Mention],
        trees: &mut crate::grammar::Trees,
    ) {
        let Timeline::Deferred { base, steps } = std::mem::replace(self, Timeline::Known(None))
        else {
            return;
        };
        let mut now = base;
        for (sent, read) in steps {
            let times = match read {
                Some(r) => r,
                None if sent.times.is_empty() => TimesRead::default(),
                None => {
                    let names = crate::coref::name_spans(mentions, sent.ss, sent.se);
                    let tree = trees.get(text, sent.ss, sent.se, names);
                    read_times(&sent, tree, timexes, mentions)
                }
            };
            now = narrative_after(&[], &[], &sent, &times, timexes, now);
        }
        *self = Timeline::Known(now);
    }
}

/// What a sentence's grammar says of its times (see [`TimesRead`]).
fn read_times(
    sent: &Sentence,
    tree: &crate::grammar::Tree,
    timexes: &[Timex],
    mentions: &[Mention],
) -> TimesRead {
    let spans = sent.times_where(timexes, |s, e| tree.starts_a_span(s, e));
    let someone = |k: &usize| {
        matches!(
            mentions[*k].kind,
            EntityKind::Person | EntityKind::Group | EntityKind::Organization
        )
    };
    let pronoun = tree.words.iter().any(|w| {
        w.word.upos == "PRON"
            && matches!(
                w.word.form.to_lowercase().as_str(),
                "he" | "she"
                    | "they"
                    | "we"
                    | "i"
                    | "him"
                    | "her"
                    | "them"
                    | "us"
                    | "me"
                    | "his"
                    | "their"
                    | "our"
                    | "my"
                    | "who"
                    | "whom"
            )
    });
    TimesRead {
        names_someone: pronoun || sent.in_sentence.iter().any(someone),
        is_the_time: sent
            .times
            .iter()
            .any(|&t| tree.is_root(timexes[t].span.start, timexes[t].span.end)),
        moves_on: sent.times.is_empty()
            && (tree.clause_of_later_time() || tree.main_verb_told_later()),
        background: sent.times_where(timexes, |s, e| {
            tree.in_clause_on_noun(s, e)
                || tree.before_a_noun(s, e)
                || tree.starts_a_span(s, e)
                || tree.dates_past_perfect(s, e)
        }),
        said_on: sent.times_where(timexes, |s, e| tree.dates_saying(s, e)),
        to_now: spans.iter().any(|&t| {
            let span = &timexes[t].span;
            tree.lasts_to_now(span.start, span.end)
        }),
    }
}

/// The narrative's time after a sentence (its time expression, the sentence index it was
/// last told in): what the sentence's acts were dated by, else its last expression, not one
/// of the background; else the time before, kept going by a sentence whose acts it dated or
/// that names a part of the day it has reached ("Early in the morning", "That evening").
/// A sentence telling of a state lasting to now with no time of its own ends it.
fn narrative_after(
    told: &[EventMention],
    mentions: &[Mention],
    sent: &Sentence,
    times: &TimesRead,
    timexes: &[Timex],
    last_time: Option<Narrative>,
) -> Option<Narrative> {
    let (background, said_on) = (&times.background, &times.said_on);
    let act_told = told
        .iter()
        .filter(|e| e.time.is_some_and(|t| !background.contains(&t)))
        .find(|e: &&EventMention| e.time.is_some() && act(e.kind).violation);
    let act_time = act_told.and_then(|e| e.time);
    let own = act_time.or_else(|| {
        sent.times
            .iter()
            .copied()
            .filter(|t| !background.contains(t))
            .max_by_key(|&t| timexes[t].span.start)
    });
    // a clause of time with no date moves the story on to a time the report does not give
    if own.is_none() && times.moves_on {
        return None;
    }
    // a time of a sentence that names no one and dates no act is a thing's history ("The
    // pistol was sold in 1986"): the story has left its time, and no act told after takes it
    let history = !times.names_someone
        && !times.is_the_time
        && !told.iter().any(|e| e.time.is_some())
        && own.is_some_and(|t| !said_on.contains(&t));
    if history {
        return None;
    }
    // a sentence that dates no act done to anyone, but a statement, sanctions announced or the
    // saying itself ("said Wednesday that he was strangled"), gives the news's day; the
    // narrative's time carried on stays what it was
    let news = match last_time.filter(|before| Some(before.time) == own) {
        Some(before) => before.news,
        None => {
            act_time.is_none()
                && (told
                    .iter()
                    .any(|e| e.time.is_some() && !act(e.kind).violation)
                    || own.is_some_and(|t| said_on.contains(&t)))
        }
    };
    let done_to = match last_time.filter(|before| Some(before.time) == own) {
        Some(before) => before.done_to,
        None => act_told.is_some_and(|e| done_to_someone(act(e.kind))),
    };
    let proceeding = match last_time.filter(|before| Some(before.time) == own) {
        Some(before) => before.proceeding,
        // the first act the day dates is a proceeding (which also dates what it is for:
        // "convicted him of murder")
        None => told
            .iter()
            .filter(|e| e.time.is_some() && e.time == own && !e.time_from_context)
            .min_by_key(|e| e.trigger.start)
            .is_some_and(|e| act(e.kind).name.is_proceeding()),
    };
    let whom = match last_time.filter(|before| Some(before.time) == own) {
        Some(before) => before.whom,
        None => act_told.map_or(Whom::default(), |e| Whom::of(&e.participants, mentions)),
    };
    match (own, last_time) {
        (Some(time), _) => Some(Narrative {
            time,
            since: sent.si,
            news,
            done_to,
            proceeding,
            whom,
        }),
        (None, _) if times.to_now => None,
        // a sentence that opens with a part of the day ("Early in the morning") tells that day
        // of anyone
        (None, Some(before)) if part_of_the_day(sent.st) => Some(Narrative {
            since: sent.si,
            whom: Whom::default(),
            proceeding: false,
            ..before
        }),
        (None, Some(before)) if told.iter().any(|e| e.time_from_context) => Some(Narrative {
            since: sent.si,
            ..before
        }),
        (None, before) => before,
    }
}

/// Whether an act is done to someone, not told as news: a violation, but not a legal
/// proceeding (a charge, a trial), which an authority announces as news is announced.
fn done_to_someone(a: &ActType) -> bool {
    a.violation && !a.name.is_proceeding()
}

/// The narrative's time as a report goes on: the time expression, the sentence it was last
/// told in, and whether it is the day of news (a time only interventions were told at: a
/// statement, sanctions announced), which dates no act done to anyone ("The Treasury announced
/// sanctions Thursday. … He was then beaten" is no beating on Thursday).
#[derive(Clone, Copy)]
struct Narrative {
    /// The time expression (an index into the report's timexes).
    time: usize,
    /// The sentence it was last told in or carried through.
    since: usize,
    /// Whether it is only the day of news.
    news: bool,
    /// Whether it is the day of an act done to someone (not a proceeding, a statement or a
    /// saying), which dates no step taken about it (see [`time_of`]).
    done_to: bool,
    /// Whether it is the day of a proceeding (a charge, a trial, a ruling): a court's day,
    /// which dates no act done to someone told after it ("On 3 November a court convicted
    /// him. … He was tortured in detention" is no torture on 3 November).
    proceeding: bool,
    /// The people that act was done to, by name.
    whom: Whom,
}

/// The people an act was done to (its victims and accused), by surname: whose day the
/// narrative's day is. An act done to others only is not of that day ("Oleg Marchenko was
/// detained in 2019. Anna Kell was sentenced to three years" is no sentence of 2019).
#[derive(Clone, Copy, Default, PartialEq, Debug)]
struct Whom([u64; 3]);

impl Whom {
    fn of(participants: &[MentionRole], mentions: &[Mention]) -> Whom {
        use std::hash::{Hash, Hasher};
        let mut out = [0u64; 3];
        let names = participants
            .iter()
            .filter(|p| matches!(p.role, ParticipantRole::Victim | ParticipantRole::Accused))
            .filter_map(|p| mentions.get(p.mention))
            .filter(|m| m.kind == EntityKind::Person);
        for (slot, m) in out.iter_mut().zip(names) {
            let surname = m
                .text
                .split_whitespace()
                .last()
                .unwrap_or("")
                .to_lowercase();
            let mut h = std::collections::hash_map::DefaultHasher::new();
            surname.hash(&mut h);
            *slot = h.finish() | 1;
        }
        Whom(out)
    }

    fn is_empty(&self) -> bool {
        self.0.iter().all(|&h| h == 0)
    }

    /// Whether both name people and none of them is the same.
    fn others_than(&self, other: &Whom) -> bool {
        !self.is_empty()
            && !other.is_empty()
            && !self.0.iter().any(|&h| h != 0 && other.0.contains(&h))
    }

    /// Whether an act done to these (or, `to_others`, to others than anyone named) is not done
    /// to the people of `other`, when `other` names some.
    fn not_of(&self, other: &Whom, to_others: bool) -> bool {
        self.others_than(other) || (to_others && !other.is_empty())
    }
}

/// Whether a sentence opens with a part of a day and no date of its own ("Early in the
/// morning", "Later that day", "That night", "In the evening"): the day the narrative has reached.
fn part_of_the_day(st: &str) -> bool {
    static PART: OnceLock<Regex> = OnceLock::new();
    crate::re(
        &PART,
        r"(?i)^\W*(?:(?:early|late|later)\s+)?(?:(?:in|during|on)\s+)?(?:the|that|the\s+same)\s+(?:morning|afternoon|evening|night|day)\b",
    )
    .is_match(st)
}

/// The end of the word a trigger ends in: a pattern may match a word's beginning only
/// ("abduction" in "abductions"), and the trigger is the whole word.
fn word_end(st: &str, end: usize) -> usize {
    end + st[end..]
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(st.len() - end)
}

/// Whether a line is written in title case, as headlines are: most of its longer words
/// capitalised.
fn title_case(st: &str) -> bool {
    let long: Vec<&str> = st
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() > 3)
        .collect();
    let capitalised = long
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    !long.is_empty() && capitalised * 5 >= long.len() * 3
}

/// The acts whose triggers occur in a sentence, each once, outside names and boilerplate. A
/// trigger word capitalised inside a sentence (not a headline) is part of a name the annotator
/// may not have read as one ("the Team against Torture"), not an act.
fn triggers(cx: &Ctx, sent: &Sentence) -> Vec<Trigger> {
    let mut seen = Vec::new();
    let mut found = Vec::new();
    let headline = title_case(sent.st);
    // a trigger capitalised inside a sentence, or glued by a hyphen to the word before it
    // ("pre-trial detention", "anti-torture committee"), names no act of its own
    let in_name = |at: usize| {
        let glued = sent.st[..at].ends_with('-')
            && sent.st[..at - 1].ends_with(|c: char| c.is_alphabetic());
        glued
            || (!headline
                && sent.st[at..].starts_with(char::is_uppercase)
                && sent.st[..at].chars().any(char::is_alphanumeric))
    };
    // a word for the one who does the act ("murderer", "kidnappers", "petitioner") names a
    // person, not an act: "described him as a murderer" tells no murder
    let doer_noun = |m: &regex::Match| {
        let word = &sent.st[m.start()..word_end(sent.st, m.end())];
        word.len() > m.as_str().len()
            && ["er", "ers", "or", "ors"].iter().any(|x| word.ends_with(x))
    };
    let in_name = |m: &regex::Match| in_name(m.start()) || doer_noun(m);
    for (ai, rx) in patterns().iter().enumerate() {
        let a = &ACTS[ai];
        let Some(m) = rx.find_iter(sent.st).find(|m| !in_name(m)) else {
            continue;
        };
        let (ts, te) = (sent.ss + m.start(), sent.ss + word_end(sent.st, m.end()));
        if cx.doc.in_boilerplate(ts, te)
            || seen.contains(&a.name)
            // words an act already found names ("searched their home": a raid, not a search)
            || found.iter().any(|f: &Trigger| f.ts <= ts && te <= f.te)
            || sent
                .in_sentence
                .iter()
                .any(|&k| cx.mentions[k].span.start <= ts && te <= cx.mentions[k].span.end)
        {
            continue;
        }
        seen.push(a.name);
        let all = rx
            .find_iter(sent.st)
            .filter(|m| !in_name(m))
            .map(|m| (sent.ss + m.start(), sent.ss + word_end(sent.st, m.end())))
            .collect();
        found.push(Trigger {
            act: a,
            ts,
            te,
            all,
        });
    }
    // words inside the longer words of another act name that act only ("beaten" in "beaten to
    // death": a killing, no beating besides)
    let inside_another = |i: usize| {
        found[i].all.iter().all(|&(s, e)| {
            found.iter().enumerate().any(|(j, f)| {
                j != i
                    && f.all
                        .iter()
                        .any(|&(fs, fe)| fs <= s && e <= fe && fe - fs > e - s)
            })
        })
    };
    let keep: Vec<bool> = (0..found.len()).map(|i| !inside_another(i)).collect();
    let mut keep = keep.into_iter();
    found.retain(|_| keep.next().unwrap_or(true));
    found
}

/// Whether a telling names a kind of act, not an act: every word naming it a noun with no
/// article or possessor ("abuses including abductions, torture and killings", "reports of
/// torture"), with no one tied to it and no time of its own (a span's start is none: "on
/// politically motivated charges since 2013"). Told as done, such words state no
/// happening; feared, demanded or denied, they stay claims.
fn generic(cx: &Ctx, tree: &crate::grammar::Tree, tr: &Trigger, em: &EventMention) -> bool {
    // a time that only starts a span is none of its own ("arrested tens of thousands of
    // people on politically motivated charges since 2013"), but for a campaign, which a bare
    // noun names ("persecution since 2017")
    let spans_from = |t: usize| {
        let span = &cx.timexes[t].span;
        !tr.act.name.is_campaign() && tree.starts_a_span(span.start, span.end)
    };
    em.modality.in_chain()
        && (em.time.is_none() || em.time_from_context || em.time.is_some_and(spans_from))
        && !em.group
        && names_no_one(em)
        && tr.spans().all(|(s, e)| tree.bare_noun(s, e))
}

/// The telling `em` is, or None when it tells no act: a kind of act (in a full sentence),
/// many acts over a span, or words that point back to one told before.
fn telling(
    cx: &Ctx,
    tree: &crate::grammar::Tree,
    tr: &Trigger,
    em: EventMention,
    full: bool,
) -> Option<EventMention> {
    let none = (full && generic(cx, tree, tr, &em))
        || done_to_some_of_a_kind(tree, tr, &em)
        || many_over_a_span(cx, tree, tr, &em)
        || points_back(tree, tr, &em)
        || included_in_another(tree, tr, &em);
    let refers_back = refers_back(tree, tr, &em);
    // the act told before keeps the time its first telling gave: the narrative's time at this
    // sentence does not date it ("Police detained him on March 3. The judge later said the
    // murder was a crime": no murder on March 3)
    let (time, time_from_context) = match refers_back && em.time_from_context {
        true => (None, false),
        false => (em.time, em.time_from_context),
    };
    (!none).then_some(EventMention {
        refers_back,
        time,
        time_from_context,
        ..em
    })
}

/// The first of the words joined by "and" that word `v` is one of ("detained, beaten and
/// threatened": "detained"), which carries the subject, auxiliary and adverbs they share.
fn first_conjunct(tree: &crate::grammar::Tree, v: usize) -> usize {
    std::iter::successors(Some(v), |&w| tree.head(w).filter(|_| tree.rel(w) == "conj"))
        .take(tree.words.len())
        .last()
        .unwrap_or(v)
}

/// Whether an act with no time, told of no one by name, is done to some of a kind of people
/// ("Some of those disappeared were later found dead, while others were produced in court and
/// charged with crimes", "Many opposition figures have fled abroad"): its undergoer a word of
/// part of a whole ("some", "others", "many"), or a plural noun with "some", "many" or "most";
/// or the act a participle that says which people ("those disappeared"). What befell some of
/// many is no happening of the case; in the narrative, with a time, it may be.
fn done_to_some_of_a_kind(tree: &crate::grammar::Tree, tr: &Trigger, em: &EventMention) -> bool {
    const SOME: &[&str] = &["some", "others", "many", "most", "few", "several"];
    let Some(h) = tree
        .head_of(tr.ts, tr.te)
        .filter(|_| em.time.is_none() && names_no_one(em))
    else {
        return false;
    };
    let form = |w: usize| tree.words[w].word.form.to_lowercase();
    // the first of the verbs joined by "and", whose subject they share
    let first = first_conjunct(tree, h);
    // (the subject of an act its subject undergoes: "Many opposition figures have fled
    // abroad"; "some", "many", "most" also before a plural noun)
    let by_subject = UNDERGONE_BY_SUBJECT.contains(&tr.act.name);
    let some = |c: usize| {
        SOME.contains(&form(c).as_str())
            || (tree.words[c].word.xpos == "NNS"
                && tree.children(c).any(|d| {
                    matches!(tree.rel(d), "det" | "amod")
                        && matches!(form(d).as_str(), "some" | "many" | "most")
                }))
    };
    let some_undergo = [h, first].into_iter().any(|v| {
        tree.children(v).any(|c| {
            let rel = tree.rel(c);
            (matches!(rel, "obj" | "nsubj:pass") || (by_subject && rel == "nsubj")) && some(c)
        })
    });
    let which_people = tree.words[h].word.upos == "VERB"
        && tree.rel(h) == "acl"
        && tree
            .head(h)
            .is_some_and(|n| matches!(form(n).as_str(), "those" | "these"));
    some_undergo || which_people
}

/// Whether an act is done to others than anyone the case names: its undergoer (the object or
/// the passive subject of its verb, or of the first of the verbs joined by "and" it is one of;
/// the noun a participle describes, "other lawyers detained in the same crackdown") a plural
/// common noun counted by a number above two or a word of quantity, with no "the" or owner
/// ("Police detained more than 1,000 people", "Hundreds of protesters were arrested", "arrested
/// 18 suspects"; not "the three men", "two men", "her 12 relatives"), or a noun said to be
/// "other" ("other lawyers", "another activist"). The telling tells no happening of someone
/// named by kind alone.
fn done_to_others(tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    const QUANTITY: &[&str] = &["dozen", "hundred", "thousand", "score", "million"];
    let Some(h) = tree.head_of(tr.ts, tr.te) else {
        return false;
    };
    let lemma = |w: usize| tree.words[w].word.lemma.to_lowercase();
    let others = |c: usize| {
        let noun = tree.words[c].word.upos == "NOUN";
        let owned = tree.children(c).any(|d| {
            matches!(tree.rel(d), "det" | "nmod:poss")
                && !matches!(lemma(d).as_str(), "a" | "an" | "some" | "another")
        });
        let number = tree.children(c).any(|d| {
            tree.rel(d) == "nummod"
                && !matches!(lemma(d).as_str(), "one" | "two" | "1" | "2" | "both")
        });
        let counted =
            tree.words[c].word.xpos == "NNS" && (number || QUANTITY.contains(&lemma(c).as_str()));
        let other = tree.children(c).any(|d| {
            matches!(tree.rel(d), "amod" | "det")
                && matches!(lemma(d).as_str(), "other" | "another")
        });
        // a number of a group, more than the pair a story may tell of ("Seven of his former
        // students were later sentenced")
        let some_of = tree.words[c].word.upos == "NUM"
            && !matches!(lemma(c).as_str(), "one" | "two" | "1" | "2" | "both")
            && tree
                .children(c)
                .any(|d| tree.rel(d) == "nmod" && tree.has_child(d, "case", &["of"]));
        // a person named only by a noun for a relative of someone's ("Her father and sister
        // were also arrested"): someone other than those the report names
        let relative = noun
            && tree.names_a_person(c)
            && tree
                .children(c)
                .any(|d| tree.rel(d) == "nmod:poss" && tree.words[d].word.upos == "PRON")
            && !tree.children(c).any(|d| {
                matches!(tree.rel(d), "appos" | "flat") || tree.words[d].word.upos == "PROPN"
            });
        some_of || relative || (noun && !owned && (counted || other))
    };
    let first = first_conjunct(tree, h);
    let described = (tree.rel(h) == "acl" && tree.words[h].word.xpos == "VBN")
        .then(|| tree.head(h))
        .flatten();
    described.is_some_and(others)
        || [h, first].into_iter().any(|v| {
            tree.children(v)
                .any(|c| matches!(tree.rel(c), "obj" | "nsubj:pass") && others(c))
        })
}

/// Whether a telling names many acts over a span of time, not one happening: its word a plural
/// noun counted vaguely ("several investigations", "many arrests", "numerous abductions") with
/// no time of its own but the start of a span ("since 2017"), or none; or counted by a number
/// since a point ("at least 20 killings since 2000").
fn many_over_a_span(
    cx: &Ctx,
    tree: &crate::grammar::Tree,
    tr: &Trigger,
    em: &EventMention,
) -> bool {
    let spanned = match em.time.filter(|_| !em.time_from_context) {
        None => true,
        Some(t) => {
            let span = &cx.timexes[t].span;
            tree.starts_a_span(span.start, span.end)
        }
    };
    // a whole year or more, no month nor day ("in 2022", "last year")
    let year_long = em
        .time
        .filter(|_| !em.time_from_context)
        .and_then(|t| cx.timexes[t].value.as_ref())
        .is_some_and(|v| v.value.len() == 4);
    let Some(h) = tree.head_of(tr.ts, tr.te) else {
        return false;
    };
    let vaguely = |n: usize| counted_vaguely(tree, n);
    let counted = |n: usize| counted_plural(tree, n);
    // a verb done to a counted many since a point ("have detained more than 7,000 people since
    // the election"): many acts, not one happening
    let since = |v: usize| since_in_clause(tree, v);
    // a noun of acts counted, or of acts done to people counted ("the murders of 163
    // journalists"), since a point ("has documented at least 20 killings of journalists since
    // 2000"), on the noun or on the verb it is the object of
    let of_counted = |n: usize| {
        tree.children(n)
            .any(|c| tree.rel(c) == "nmod" && tree.has_child(c, "case", &["of"]) && counted(c))
    };
    // "dozens of killings": the acts counted by the noun they are "of"
    let of_many = |n: usize| {
        tree.has_child(n, "case", &["of"])
            && tree
                .head(n)
                .is_some_and(|m| tree.words[m].word.upos == "NOUN" && counted(m))
    };
    // the verb of the noun's clause ("has been linked to dozens of killings … since 2016")
    let clause_verb = std::iter::successors(tree.head(h), |&w| tree.head(w))
        .take(4)
        .find(|&w| tree.words[w].word.upos == "VERB");
    let noun_over_many = (counted(h) || of_counted(h) || of_many(h))
        && (since(h) || tree.head(h).is_some_and(since) || clause_verb.is_some_and(since));
    // a verb done to many counted since a point, or over a whole year ("at least 15
    // journalists were killed in 2022"): a tally, not one happening
    // (the undergoers: the verb's object or passive subject, or those of the verb it
    // completes: "at least 20 people were reported to have been forcibly disappeared")
    let completed = tree.head(h).filter(|_| tree.rel(h) == "xcomp");
    let undergoers = tree
        .children(h)
        .filter(|&c| matches!(tree.rel(c), "obj" | "nsubj:pass"))
        .chain(completed.into_iter().flat_map(|g| {
            tree.children(g)
                .filter(|&c| matches!(tree.rel(c), "nsubj:pass" | "nsubj"))
        }));
    // a verb done in many places or on many occasions ("have been killed or attacked in several
    // countries", "was arrested several times")
    // (on the verb or on one joined to it: "killed or attacked in several countries")
    let many_times = std::iter::once(h)
        .chain(tree.children(h).filter(|&c| tree.rel(c) == "conj"))
        .any(|v| {
            tree.children(v)
                .any(|c| tree.rel(c).starts_with("obl") && vaguely(c))
        });
    let verb_over_many = tree.words[h].word.upos == "VERB"
        && (many_times
            || undergoers.into_iter().any(|c| {
                since(h) && counted(c)
                    || year_long && (counted_many(tree, c) || counted_by_a_number_noun(tree, c))
            }));
    (spanned || year_long) && (vaguely(h) || noun_over_many || verb_over_many)
}

/// Whether noun `n` is a plural counted vaguely ("several investigations", "many arrests").
fn counted_vaguely(tree: &crate::grammar::Tree, n: usize) -> bool {
    const VAGUELY_MANY: &[&str] = &[
        "several",
        "many",
        "numerous",
        "multiple",
        "various",
        "countless",
    ];
    tree.words[n].word.xpos == "NNS"
        && tree.children(n).any(|c| {
            matches!(tree.rel(c), "amod" | "det")
                && VAGUELY_MANY.contains(&tree.words[c].word.lemma.to_lowercase().as_str())
        })
}

/// Whether noun `n` is a plural counted vaguely, by a number ("7,000 people") or by a number
/// noun ("hundreds of people", "dozens of activists").
fn counted_plural(tree: &crate::grammar::Tree, n: usize) -> bool {
    counted_vaguely(tree, n)
        || counted_by_a_number_noun(tree, n)
        || (tree.words[n].word.xpos == "NNS" && tree.children(n).any(|c| tree.rel(c) == "nummod"))
}

/// Whether word `n` is a noun of a number of people ("hundreds", "thousands of protesters").
fn counted_by_a_number_noun(tree: &crate::grammar::Tree, n: usize) -> bool {
    const MANY: &[&str] = &[
        "tens",
        "hundreds",
        "thousands",
        "dozens",
        "millions",
        "scores",
    ];
    MANY.contains(&tree.words[n].word.form.to_lowercase().as_str())
}

/// Whether a "since" phrase belongs to verb `v`'s clause, wherever the parse hangs it in that
/// clause ("Since 2000, ARTICLE 19 has documented …": on the subject or the auxiliary).
fn since_in_clause(tree: &crate::grammar::Tree, v: usize) -> bool {
    let in_clause_of_v = |c: usize| {
        let mut h = tree.head(c);
        for _ in 0..6 {
            match h {
                Some(x) if x == v => return true,
                Some(x) if tree.words[x].word.upos != "VERB" || tree.rel(x).starts_with("aux") => {
                    h = tree.head(x)
                }
                _ => return false,
            }
        }
        false
    };
    (0..tree.words.len()).any(|c| {
        (tree.has_child(c, "case", &["since"]) || tree.has_child(c, "mark", &["since"]))
            && in_clause_of_v(c)
    }) || tree
        .children(v)
        .any(|c| tree.words[c].word.form.eq_ignore_ascii_case("since"))
}

/// Whether noun `n` is a plural counted by a number above two, or vaguely ("15 journalists",
/// "at least 15 journalists", "dozens of people"); two are a pair ("two men"), whom one act may
/// befall.
fn counted_many(tree: &crate::grammar::Tree, n: usize) -> bool {
    const SMALL: &[&str] = &["one", "two", "both", "a", "an", "1", "2"];
    tree.words[n].word.xpos == "NNS"
        && tree.children(n).any(|c| {
            tree.rel(c) == "nummod"
                && !SMALL.contains(&tree.words[c].word.form.to_lowercase().as_str())
        })
}

/// Whether a telling is one of the things another is said to include, and names no one: "a
/// second wave of persecution against gays, including two murders", "abuses such as beatings":
/// a part of what it is included in, told there, no happening of its own.
fn included_in_another(tree: &crate::grammar::Tree, tr: &Trigger, em: &EventMention) -> bool {
    names_no_one(em)
        && tr.spans().all(|(s, e)| {
            tree.head_of(s, e).is_some_and(|h| {
                tree.words[h].word.upos == "NOUN"
                    && tree.has_child(h, "case", &["including", "such", "like"])
            })
        })
}

/// Whether every word naming the act points back to one told before ("sentenced on these
/// charges"), or is a bare noun giving the grounds of another verb ("overturn the sentence due
/// to the unjustified charges") and the act names no one: no new telling, but part of that
/// verb's.
fn points_back(tree: &crate::grammar::Tree, tr: &Trigger, em: &EventMention) -> bool {
    let names_no_one = names_no_one(em);
    tr.spans()
        .all(|(s, e)| tree.points_back(s, e) || (names_no_one && tree.grounds(s, e)))
}

/// Whether every word naming the act is a noun with "the" and nothing of its own, the subject of
/// a passive or of "to be", and the act names no one and has no time of its own ("the charge
/// was based on …"): the act told before, which this telling adds a source to.
fn refers_back(tree: &crate::grammar::Tree, tr: &Trigger, em: &EventMention) -> bool {
    names_no_one(em)
        && (em.time.is_none() || em.time_from_context)
        && tr.spans().all(|(s, e)| tree.the_one_told(s, e))
}

/// Words that name the bodies of a state that charge people: its police, prosecutors,
/// investigators, courts, ministries and officials.
const AUTHORITY_WORDS: &[&str] = &[
    "authority",
    "police",
    "policeman",
    "officer",
    "prosecutor",
    "prosecution",
    "investigator",
    "investigative",
    "court",
    "judge",
    "official",
    "government",
    "ministry",
    "state",
    "security",
    "interior",
    "justice",
    "militia",
    "service",
];

/// Whether "accused" is an accusation made by someone who charges no one: "rights groups have
/// accused Kadyrov of overseeing abuses" says what the groups hold, not that he was charged; nor
/// is a body accused charged ("Chechen authorities were accused of abducting"). A state's
/// police, prosecutors, courts or officials accusing, or an accusation of someone with no
/// subject ("she was accused of fraud"), stays a criminal charge.
fn accusation_of_others(tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    if tr.act.name != ActKind::CriminalCharge {
        return false;
    }
    let Some(v) = tree.head_of(tr.ts, tr.te) else {
        return false;
    };
    let w = &tree.words[v].word;
    if w.upos != "VERB" || !w.lemma.eq_ignore_ascii_case("accuse") {
        return false;
    }
    let authority = |w: &casefile_syntax::Word| {
        let lemma = w.lemma.to_lowercase();
        AUTHORITY_WORDS.contains(&lemma.as_str())
            || AUTHORITY_WORDS.contains(&w.form.to_lowercase().trim_end_matches('s'))
    };
    // a body accused ("Chechen authorities were accused of abducting", a headline's "Chechen
    // authorities accused of …") is held to blame, not charged: bodies stand no trial
    let accused = tree.children(v).find(|&c| {
        tree.rel(c) == "nsubj:pass" || (tree.rel(c) == "nsubj" && tree.headline_participle(v))
    });
    if let Some(a) = accused {
        return authority(&tree.words[a].word);
    }
    tree.subject_words(tr.ts, tr.te)
        .is_some_and(|subject| !subject.iter().any(|w| authority(w)))
}

/// Whether a petition word names no petition: "asked" is one when what is asked for is an act
/// the sentence names ("asked the court to overturn the sentence"), not when it is a question or
/// a comment ("asked about the trial", "asked the ministry to comment"); and no word asking for
/// comment, information or an interview is one ("a request for comment").
fn asks_for_no_act(tree: &crate::grammar::Tree, tr: &Trigger, found: &[Trigger]) -> bool {
    const WORDS: &[&str] = &[
        "comment",
        "information",
        "clarification",
        "interview",
        "detail",
        "response",
        "reaction",
    ];
    let Some(w) = tree.head_of(tr.ts, tr.te) else {
        return false;
    };
    // a journalist's request for comment asks for words, not for an act of the case ("did not
    // respond to a request for comment", "asked for comment")
    let for_words = tree.children(w).any(|c| {
        tree.has_child(c, "case", &["for"])
            && WORDS.contains(&tree.words[c].word.lemma.to_lowercase().as_str())
    });
    // a confession or an apology demanded of someone is the coercion, no step about the case
    // ("They demanded that I sign a confession")
    let coercing = found.iter().any(|o| {
        o.act.name == ActKind::CoercedStatement
            && o.ts >= tr.te
            && tree.asks_for((tr.ts, tr.te), (o.ts, o.te))
    });
    tr.act.name == ActKind::Petition
        && (for_words
            || coercing
            || (tree.words[w].word.lemma.eq_ignore_ascii_case("ask")
                && !found
                    .iter()
                    .any(|o| o.ts >= tr.te && tree.asks_for((tr.ts, tr.te), (o.ts, o.te)))))
}

/// Whether a petition or a statement is what an act done to someone punished ("should never
/// have been detained … for campaigning for women's right to drive", "jailed for calling for
/// reforms", "arrested for protesting"): the person's own doing before the case, the act's
/// reason, no step taken about the case.
fn punished_for(tree: &crate::grammar::Tree, tr: &Trigger, found: &[Trigger]) -> bool {
    if !matches!(tr.act.name, ActKind::Petition | ActKind::PublicStatement) {
        return false;
    }
    let Some(w) = tree.head_of(tr.ts, tr.te) else {
        return false;
    };
    let for_it = matches!(tree.rel(w), "advcl" | "obl")
        && (tree.has_child(w, "mark", &["for"]) || tree.has_child(w, "case", &["for"]));
    let Some(h) = tree.head(w).filter(|_| for_it) else {
        return false;
    };
    // (the act's word, or the verb it is a phrase of: "put on trial")
    found.iter().any(|o| {
        let a = tree.head_of(o.ts, o.te);
        (o.act.violation || o.act.name.is_proceeding())
            && (a == Some(h) || a.and_then(|a| tree.head(a)) == Some(h))
    })
}

/// Whether a word of responding ("Responding to the verdict", "in response to") tells no
/// statement of its own: it hangs on no verb of speech ("the police responded to the protest
/// with tear gas", "did not respond to requests"), or on the word of another act of its sentence,
/// which it dates ("In response to the sentence, the EU called for his release": a petition, see
/// [`order_acts`]).
fn responds_in_no_statement(tree: &crate::grammar::Tree, tr: &Trigger, found: &[Trigger]) -> bool {
    let Some(r) = tree.head_of(tr.ts, tr.te).filter(|&r| tree.is_response(r)) else {
        return false;
    };
    let Some(h) = tree.head(r) else { return true };
    let lemma = tree.words[h].word.lemma.to_lowercase();
    let another_act = found
        .iter()
        .any(|f| !std::ptr::eq(f, tr) && f.all.iter().any(|&(s, e)| tree.head_of(s, e) == Some(h)));
    !crate::grammar::SPEECH_VERBS.contains(&lemma.as_str()) || another_act
}

/// Whether a word of flight tells the getaway of those who did another act of its sentence,
/// not anyone's flight from persecution: "shot by two men who fled on a motorcycle", "the
/// gunmen shot him and fled" (those who flee are the doers of the shooting).
fn doers_getaway(tree: &crate::grammar::Tree, tr: &Trigger, found: &[Trigger]) -> bool {
    if tr.act.name != ActKind::Flight {
        return false;
    }
    let Some(v) = tree.head_of(tr.ts, tr.te) else {
        return false;
    };
    let subject_of = |v: usize| {
        tree.children(v)
            .find(|&c| matches!(tree.rel(c), "nsubj" | "nsubj:pass"))
    };
    // who fled: the noun its relative clause tells of, its own subject, or the subject of the
    // verb it is joined to by "and"
    let fled = match tree.rel(v) {
        r if r.starts_with("acl") => tree.head(v),
        "conj" => subject_of(v).or_else(|| tree.head(v).and_then(subject_of)),
        _ => subject_of(v),
    };
    let Some(fled) = fled else { return false };
    // …by whom something was done to someone ("was shot six times by two men who fled"), or
    // who did another act of the sentence: its active subject or its passive's "by …"
    if tree.by_agent(fled) {
        return true;
    }
    let doer_of = |g: usize| {
        tree.head(fled) == Some(g)
            && match tree.rel(fled) {
                "obl:agent" => true,
                "nsubj" => !tree.passive(g),
                _ => false,
            }
    };
    found.iter().any(|o| {
        !std::ptr::eq(o, tr)
            && o.act.violation
            && o.act.name != ActKind::Flight
            && o.spans()
                .any(|(s, e)| tree.head_of(s, e).is_some_and(|g| g != v && doer_of(g)))
    })
}

/// Whether a statement word names a statement taken down from someone, not one made in public:
/// the object of "take" or "record", or their passive subject ("They took our statement", "his
/// statement was recorded"): a deposition.
fn statement_taken_down(tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    if tr.act.name != ActKind::PublicStatement {
        return false;
    }
    let Some(n) = tree.head_of(tr.ts, tr.te) else {
        return false;
    };
    matches!(tree.rel(n), "obj" | "nsubj:pass")
        && tree.head(n).is_some_and(|v| {
            matches!(
                tree.words[v].word.lemma.to_lowercase().as_str(),
                "take" | "record"
            )
        })
}

/// Whether "questioned" doubts a thing, not puts questions to people: it asks whether or why
/// ("questioned whether the court was independent"), or what it questions is a thing told by
/// an abstract noun ("questioned the independence of the court", "questioned the verdict").
fn questions_no_one(tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    const THINGS: &[&str] = &[
        "verdict", "claim", "account", "decision", "figure", "story", "version", "evidence",
        "motive", "report", "result", "ruling", "sentence", "need", "wisdom", "legality",
    ];
    if tr.act.name != ActKind::Questioning {
        return false;
    }
    let Some(v) = tree.head_of(tr.ts, tr.te) else {
        return false;
    };
    tree.children(v).any(|c| {
        let rel = tree.rel(c);
        let lemma = tree.words[c].word.lemma.to_lowercase();
        matches!(rel, "ccomp" | "xcomp")
            || (rel == "advcl" && tree.has_child(c, "mark", &["whether", "if"]))
            || (matches!(rel, "obj" | "nsubj:pass")
                && tree.words[c].word.upos == "NOUN"
                && (THINGS.contains(&lemma.as_str())
                    || ["ity", "ness", "tion", "ment", "ance", "ence"]
                        .iter()
                        .any(|suffix| lemma.ends_with(suffix))))
    })
}

/// Whether the trigger, a word of removing ("fired", "dismissed", "ousted"), removes people from
/// an office: what it acts on (its object, its passive subject, or "of" on the noun) is a name
/// or a holder of an office ("fired two senior officials", "the dismissal of the deputy
/// head"). Then it tells a dismissal; else it does not ("fired shots", "dismissed the
/// accusations": a statement).
fn removes_someone(tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    const OFFICE: &[&str] = &[
        "official",
        "officer",
        "minister",
        "aide",
        "adviser",
        "advisor",
        "chief",
        "head",
        "deputy",
        "governor",
        "general",
        "director",
        "commander",
        "judge",
        "prosecutor",
        "employee",
        "staff",
        "ambassador",
        "consul",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "member",
        "agent",
        "colonel",
        "major",
        "captain",
        "lieutenant",
        "secretary",
        "manager",
    ];
    let Some(v) = tree.head_of(tr.ts, tr.te) else {
        return false;
    };
    let word = tree.words[v].word.form.to_lowercase();
    if ![
        "fired",
        "dismissed",
        "dismissal",
        "dismissals",
        "sacked",
        "ousted",
    ]
    .contains(&word.as_str())
    {
        return false;
    }
    done_to(tree, v).any(|c| {
        let w = &tree.words[c].word;
        w.upos == "PROPN" || (w.upos == "NOUN" && OFFICE.contains(&w.lemma.to_lowercase().as_str()))
    })
}

/// The words act word `v` is done to: the object or passive subject of a verb, the "of" of a
/// noun ("fired two officials", "the dismissal of the deputy head", "diplomats were expelled").
fn done_to<'t>(tree: &'t crate::grammar::Tree, v: usize) -> impl Iterator<Item = usize> + 't {
    let noun = tree.words[v].word.upos == "NOUN";
    tree.children(v).filter(move |&c| {
        if noun {
            tree.rel(c) == "nmod" && tree.has_child(c, "case", &["of"])
        } else {
            matches!(tree.rel(c), "obj" | "nsubj:pass")
        }
    })
}

/// Whether an expelling word sends envoys out: its object or passive subject (of a verb), or
/// its "of" (of a noun), is a diplomat, an ambassador, an envoy, a consul or an attaché, or the
/// subject a noun of expulsion hangs on is one ("the expulsions of two diplomats", "two Russian
/// diplomats were expelled"). Not "expelled from school", "expelled the journalist".
fn sends_envoys_out(tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    const ENVOYS: &[&str] = &[
        "diplomat",
        "ambassador",
        "envoy",
        "consul",
        "attaché",
        "attache",
    ];
    let Some(v) = tree.head_of(tr.ts, tr.te) else {
        return false;
    };
    done_to(tree, v).any(|c| ENVOYS.contains(&tree.words[c].word.lemma.to_lowercase().as_str()))
}

/// Whether a word of adding, declaring or naming designates someone: the person or body it is
/// done to (its object or passive subject) is put on a list or a register ("were added to the
/// federal list of “terrorists and extremists”", "included in the register of foreign
/// agents") or named by a label a state pins on its critics ("designated a foreign agent",
/// "declared an extremist organisation", "labelled as terrorists"): a terrorist, an extremist,
/// a foreign agent, an undesirable; done to someone named or a person. Not "added that …", "put
/// in a cell", "declared a state of emergency", "designated the channel as extremist".
fn designates(tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    const LISTS: &[&str] = &["list", "register", "registry", "database", "blacklist"];
    let Some(v) = tree
        .head_of(tr.ts, tr.te)
        .filter(|&v| tree.words[v].word.upos == "VERB")
    else {
        return false;
    };
    // a label among the words of `n` and those hanging on it, two levels down
    let labelled = |n: usize| {
        let mut words = vec![n];
        for _ in 0..2 {
            let below: Vec<usize> = words
                .iter()
                .flat_map(|&w| tree.children(w))
                .filter(|c| !words.contains(c))
                .collect();
            words.extend(below);
        }
        words.iter().any(|&w| {
            let form = tree.words[w].word.form.to_lowercase();
            form.starts_with("terror")
                || form.starts_with("extremis")
                || form == "undesirable"
                || (form.starts_with("agent")
                    && w > 0
                    && tree.words[w - 1].word.form.eq_ignore_ascii_case("foreign"))
        })
    };
    // put on a labelled list, or named by the label itself
    let listed = tree.children(v).any(|c| {
        let on_list = tree.rel(c).starts_with("obl") && tree.lemma_in(c, LISTS);
        let named = matches!(tree.rel(c), "xcomp" | "obj" | "obl");
        (on_list || named) && labelled(c)
    });
    // (the parse may read the one named before the label as an indirect object: "designated
    // her a foreign agent")
    let indirect = tree.children(v).filter(|&c| tree.rel(c) == "iobj");
    listed
        && done_to(tree, v)
            .chain(indirect)
            // (of someone named, or a noun for a person: a channel or a book banned is no one's)
            .any(|c| !labelled(c) && tree.names_someone(c))
}

/// Whether an attacking word attacks no person, or none the report tells of: an attack is of
/// someone, the object or passive subject of its verb ("were attacked by armed men", "stabbed
/// the activist") or the "on", "of" or "against" of its noun ("the assault on Ms. Milashina"),
/// a name, a pronoun or a noun for a person; not "attacks on civil society", "a terrorist
/// attack", "assaulted the verdict". A named doer's active "attacked" may be words ("Kadyrov
/// attacked the journalist in a speech"): only a common noun's is ("gunmen attacked him").
fn attacks_no_one(tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    if tr.act.name != ActKind::Attack {
        return false;
    }
    let Some(v) = tree.head_of(tr.ts, tr.te) else {
        return true;
    };
    let w = &tree.words[v].word;
    // what the act is done to, and the "on" or "against" of its noun
    let attacked_on = tree.children(v).filter(|&c| {
        w.upos == "NOUN" && tree.rel(c) == "nmod" && tree.has_child(c, "case", &["on", "against"])
    });
    let named_doer = w.upos == "VERB"
        && tree
            .children(v)
            .any(|c| tree.rel(c) == "nsubj" && tree.words[c].word.upos == "PROPN");
    !done_to(tree, v)
        .chain(attacked_on)
        .any(|c| tree.names_someone(c))
        || named_doer
}

/// Whether "beat" alone beats no one: it is one when it is a verb with someone for its object
/// ("guards beat Pavel Ostrov", "police beat protesters"), not "beat him in the election", "the
/// beat of the drums".
fn beats_no_one(text: &str, tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    const CONTESTS: &[&str] = &[
        "election", "race", "match", "vote", "game", "poll", "contest",
    ];
    if tr.act.name != ActKind::IllTreatment || !text[tr.ts..tr.te].eq_ignore_ascii_case("beat") {
        return false;
    }
    let Some(v) = tree.head_of(tr.ts, tr.te) else {
        return true;
    };
    let lemma = |w: usize| tree.words[w].word.lemma.to_lowercase();
    // someone after it, whatever the parse hangs the name on
    let someone = tree.children(v).any(|c| tree.rel(c) == "obj")
        || tree.words.get(v + 1).is_some_and(|n| {
            matches!(
                n.word.upos.as_str(),
                "PROPN" | "PRON" | "NOUN" | "DET" | "NUM" | "ADJ"
            )
        });
    tree.words[v].word.upos != "VERB"
        || !someone
        || tree
            .children(v)
            .any(|c| tree.rel(c) == "obl" && CONTESTS.contains(&lemma(c).as_str()))
}

/// Whether a vow is no threat: "vowed" or "swore" is one when what is vowed is to harm someone
/// ("vowed on Sunday to destroy the family", "swore to kill him"), not "vowed to fight on" or
/// "swore an oath".
fn vows_no_harm(tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    const HARM: &[&str] = &[
        "kill",
        "murder",
        "execute",
        "shoot",
        "destroy",
        "crush",
        "eliminate",
        "punish",
        "hunt",
        "behead",
        "torture",
        "arrest",
        "detain",
        "jail",
        "imprison",
        "abduct",
        "kidnap",
        "burn",
        "avenge",
        "liquidate",
    ];
    let Some(v) = tree.head_of(tr.ts, tr.te) else {
        return false;
    };
    let lemma = tree.words[v].word.lemma.to_lowercase();
    if tr.act.name != ActKind::Threat || !matches!(lemma.as_str(), "vow" | "swear") {
        return false;
    }
    // the infinitive vowed, which the parse may give as a clause of purpose
    !tree.children(v).any(|c| {
        (tree.rel(c) == "xcomp" || (tree.rel(c) == "advcl" && tree.has_child(c, "mark", &["to"])))
            && HARM.contains(&tree.words[c].word.lemma.to_lowercase().as_str())
    })
}

/// Whether "returned" tells of someone going back, not of someone sent back: the verb in the
/// active voice with no object ("he returned home on Thursday", "has returned to Moscow"), not
/// "were returned to Chechnya" or "police returned him to the border".
fn returns_of_own_accord(tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    if tr.act.name != ActKind::ForcedReturn {
        return false;
    }
    let Some(v) = tree.head_of(tr.ts, tr.te) else {
        return false;
    };
    let w = &tree.words[v].word;
    let active = w.xpos == "VBD"
        || (w.xpos == "VBN"
            && tree
                .children(v)
                .any(|c| tree.rel(c) == "aux" && tree.words[c].word.lemma == "have"));
    w.upos == "VERB"
        && w.lemma.eq_ignore_ascii_case("return")
        && active
        && !tree
            .children(v)
            .any(|c| matches!(tree.rel(c), "obj" | "iobj" | "aux:pass" | "nsubj:pass"))
}

/// Whether "picked up" tells no arrest: only a person picked up by someone is arrested or
/// seized ("was picked up by men in plainclothes", "security forces picked him up"); not "picked
/// up the phone", nor "the children were picked up from school" with no one picking them up.
fn picks_up_no_one(text: &str, tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    if tr.act.name != ActKind::Arrest || !text[tr.ts..tr.te].starts_with("picked") {
        return false;
    }
    let Some(v) = tree.head_of(tr.ts, tr.te) else {
        return true;
    };
    let rel_of = |rels: &[&str]| tree.children(v).find(|&c| rels.contains(&tree.rel(c)));
    let by_someone = rel_of(&["obl:agent"]).is_some_and(|a| tree.by_agent(a));
    let picked_up = match rel_of(&["nsubj:pass"]) {
        // passive: a person, by someone
        Some(p) => tree.names_someone(p) && by_someone,
        // active: someone picked a person up
        None => {
            rel_of(&["nsubj"]).is_some() && rel_of(&["obj"]).is_some_and(|o| tree.names_someone(o))
        }
    };
    !picked_up
}

/// Whether the act's word names what a law forbids ("enact a law criminalising torture",
/// "legislation banning enforced disappearances", "the convention prohibiting torture"): a
/// kind of act, none done.
fn what_a_law_forbids(text: &str, tr: &Trigger) -> bool {
    const FORBIDDING: &[&str] = &[
        "criminalising",
        "criminalizing",
        "criminalise",
        "criminalize",
        "banning",
        "ban",
        "outlawing",
        "outlaw",
        "prohibiting",
        "prohibit",
        "prohibits",
        "against",
    ];
    let before = text[..tr.ts]
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase();
    let law = text[..tr.ts]
        .to_lowercase()
        .rsplit(['.', '\n'])
        .next()
        .is_some_and(|s| {
            ["law", "legislation", "bill", "convention", "treaty"]
                .iter()
                .any(|w| s.contains(w))
        });
    law && FORBIDDING.contains(&before.as_str())
}

/// Whether the act's word only says which court ("an appeals court upheld", "the appeal
/// court", "a trial judge"): a word before the noun of a court or a judge, no act of its own.
fn names_a_court(tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    const COURTS: &[&str] = &["court", "chamber", "tribunal", "judge", "panel", "bench"];
    tree.head_of(tr.ts, tr.te).is_some_and(|w| {
        matches!(tree.rel(w), "compound" | "amod")
            && tree
                .head(w)
                .is_some_and(|n| COURTS.contains(&tree.words[n].word.lemma.to_lowercase().as_str()))
    })
}

/// Whether the act's noun is the penalty a sentence names ("sentenced him to ten years'
/// imprisonment", "to ten years of imprisonment"): part of the sentence, no detention of its
/// own on the day of the trial.
fn the_penalty_of_a_sentence(tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    const SENTENCING: &[&str] = &["sentence", "condemn", "jail", "give", "hand", "receive"];
    let Some(n) = tree
        .head_of(tr.ts, tr.te)
        .filter(|&n| tr.act.name == ActKind::Detention && tree.words[n].word.upos == "NOUN")
    else {
        return false;
    };
    // the noun, or the span of time it is "of", on the verb of sentencing
    let on_sentencing = |w: usize| {
        tree.rel(w) == "obl"
            && tree.head(w).is_some_and(|v| {
                SENTENCING.contains(&tree.words[v].word.lemma.to_lowercase().as_str())
            })
    };
    on_sentencing(n) || (tree.rel(n) == "nmod" && tree.head(n).is_some_and(on_sentencing))
}

/// Whether the act's noun is said of every act of its kind ("Every arrest of a journalist should
/// be met with a response", "each killing"): a rule about acts, no happening.
fn any_act_of_its_kind(tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    tree.head_of(tr.ts, tr.te).is_some_and(|n| {
        tree.words[n].word.upos == "NOUN" && tree.has_child(n, "det", &["every", "each", "any"])
    })
}

/// Whether a verb tells what is done as a habit now ("Journalists in Belarus are routinely
/// detained, beaten and threatened", "police often torture suspects"): the present with a word
/// of how often, said of a kind of people, no happening. (In the past, "we were regularly
/// beaten", it tells what was done to those who say it.)
fn told_as_a_habit(tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    const OFTEN: &[&str] = &[
        "routinely",
        "regularly",
        "often",
        "frequently",
        "systematically",
        "usually",
        "commonly",
        "typically",
        "habitually",
        "repeatedly",
    ];
    let Some(mut v) = tree.head_of(tr.ts, tr.te) else {
        return false;
    };
    // an act with "a" that such a verb acts on is one of its kind ("a step that usually
    // precedes an execution")
    if tree.words[v].word.upos == "NOUN"
        && matches!(tree.rel(v), "obj" | "nsubj")
        && tree.has_child(v, "det", &["a", "an"])
    {
        match tree.head(v) {
            Some(h) => v = h,
            None => return false,
        }
    }
    // the first of the verbs joined by "and" carries their auxiliary and adverb
    let first = first_conjunct(tree, v);
    let present = |w: usize| matches!(tree.words[w].word.xpos.as_str(), "VBZ" | "VBP");
    let now = present(first)
        || tree
            .children(first)
            .any(|c| tree.rel(c).starts_with("aux") && present(c));
    let often = |w: usize| {
        tree.children(w).any(|c| {
            tree.rel(c) == "advmod"
                && OFTEN.contains(&tree.words[c].word.form.to_lowercase().as_str())
        })
    };
    // steps taken again and again are steps taken ("The United States has repeatedly called
    // for his release"): an intervention in the present perfect with "repeatedly" happened
    let repeated = |w: usize| tree.has_child(w, "advmod", &["repeatedly"]);
    if tr.act.name.is_intervention()
        && tree.present_perfect(first)
        && (repeated(first) || repeated(v))
    {
        return false;
    }
    tree.words[v].word.upos == "VERB" && now && (often(first) || often(v))
}

/// Whether a violation is what another step is about ("into", "over", "about", "against",
/// "for"), named by a noun with "a", "an" or "another" and nothing of whom, by whom or where
/// ("testified at an inquest into a death in police custody"): some act of its kind, not one
/// of the case's, which are named with those they were done to ("the killing of X", "his
/// arrest") or told by a verb. (A proceeding introduced so, "the opening of a terrorism
/// investigation", is the case's.)
fn some_act_of_no_one(tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    tr.act.violation
        && !tr.act.name.is_proceeding()
        && tree.head_of(tr.ts, tr.te).is_some_and(|n| {
            tree.words[n].word.upos == "NOUN"
                && matches!(tree.rel(n), "nmod" | "obl")
                && tree.has_child(n, "case", &["into", "over", "about", "against", "for"])
                && tree.has_child(n, "det", &["a", "an", "another"])
                && !tree.children(n).any(|c| {
                    let w = &tree.words[c];
                    matches!(tree.rel(c), "nmod" | "nmod:poss" | "acl" | "acl:relcl")
                        && !(tr.ts <= w.start && w.end <= tr.te)
                })
        })
}

/// Whether "confessed" is told with nothing in its sentence that says it was forced or staged
/// ("Former soldier Miroslav Tomas confessed to the shooting in 2020 and was sentenced"): an
/// admission, no coerced statement. One forced, made, extracted, obtained under duress or
/// torture, threats or pressure, made on video or television, or claimed by others is one
/// ("the confessions were most likely obtained through threats", "confessed on state
/// television", "claimed that the two men had confessed").
fn confesses_freely(text: &str, tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    const COERCION: &[&str] = &[
        "force",
        "forced",
        "coerce",
        "coerced",
        "make",
        "made",
        "compel",
        "duress",
        "torture",
        "tortured",
        "threat",
        "threaten",
        "pressure",
        "extract",
        "obtain",
        "beat",
        "beaten",
        "video",
        "television",
        "televise",
        "camera",
        "claim",
        "allegedly",
    ];
    tr.act.name == ActKind::CoercedStatement
        && matches!(
            text[tr.ts..tr.te].to_lowercase().as_str(),
            "confessed" | "confesses" | "confess"
        )
        && !tree.words.iter().any(|w| {
            COERCION.contains(&w.word.lemma.to_lowercase().as_str())
                || COERCION.contains(&w.word.form.to_lowercase().as_str())
        })
}

/// Whether "dismissed" is a court or an authority throwing out a step of the case ("the
/// applicant's appeals were dismissed", "dismissed the complaint"): a decision on it, which
/// the step's answer tells, not a public statement dismissing what was said.
fn dismisses_a_step(text: &str, tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    const STEPS: &[&str] = &[
        "appeal",
        "complaint",
        "case",
        "lawsuit",
        "suit",
        "petition",
        "motion",
        "application",
        "charge",
        "request",
        "objection",
    ];
    tr.act.name == ActKind::PublicStatement
        && text[tr.ts..tr.te].eq_ignore_ascii_case("dismissed")
        && tree.head_of(tr.ts, tr.te).is_some_and(|v| {
            tree.children(v).any(|c| {
                matches!(tree.rel(c), "obj" | "nsubj:pass")
                    && STEPS.contains(&tree.words[c].word.lemma.to_lowercase().as_str())
            })
        })
}

/// The word of a statement's trigger when it is the word `lemma` ("deny", "call"): what the
/// statement rules below read.
fn statement_verb(tree: &crate::grammar::Tree, tr: &Trigger, lemma: &str) -> Option<usize> {
    if tr.act.name != ActKind::PublicStatement {
        return None;
    }
    tree.head_of(tr.ts, tr.te)
        .filter(|&v| tree.lemma_in(v, &[lemma]))
}

/// Whether "call" says nothing of what it calls: a statement only names something with a word
/// of judgement ("called the verdict a travesty", "called the trial unfair"), its object and
/// then a noun or an adjective; calling for or on someone is a request (see the petition's
/// words), calling someone somewhere none.
fn calls_it_nothing(tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    let Some(v) = statement_verb(tree, tr, "call") else {
        return false;
    };
    let objects = tree.children(v).filter(|&c| tree.rel(c) == "obj").count();
    // (a noun after the object may be read as an unmarked oblique: "called him a traitor")
    let judged = tree
        .children(v)
        .any(|c| matches!(tree.rel(c), "xcomp" | "obl:unmarked"));
    tree.words[v].word.upos != "VERB" || objects == 0 || (objects == 1 && !judged)
}

/// Whether a word of denying refuses someone a thing or a step instead of saying something is
/// not so: it has a person to whom ("authorities denied her access to care"), it is passive
/// with what was refused as its object ("was denied entry at the airport"), or what it refuses
/// is a thing given or a step asked for ("bail was denied", "denied the request"), or it is
/// passive with no one by whom ("his requests to postpone the hearing were denied"). A denial
/// that says something is not so ("denied the allegations", "denying any knowledge") is the
/// denier's statement.
fn refuses_a_thing(tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    const GIVEN: &[&str] = &[
        "access",
        "entry",
        "bail",
        "parole",
        "visit",
        "visa",
        "permission",
        "care",
        "treatment",
        "asylum",
        "release",
        "registration",
        "leave",
        "request",
        "appeal",
        "application",
        "petition",
        "motion",
        "complaint",
    ];
    let Some(v) = statement_verb(tree, tr, "deny") else {
        return false;
    };
    // (a passive says by whom a thing said was denied, "the allegations were denied by the
    // ministry"; else it is a refusal, "his requests … were denied")
    let by_whom = tree.children(v).any(|c| tree.rel(c) == "obl:agent");
    (tree.passive(v) && !by_whom)
        || tree.children(v).any(|c| match tree.rel(c) {
            "iobj" => true,
            "obj" => tree.passive(v) || tree.lemma_in(c, GIVEN),
            "nsubj:pass" => tree.lemma_in(c, GIVEN),
            _ => false,
        })
}

/// Whether the act's word is a present participle describing the noun after it ("the
/// investigating judge", "the investigating authorities refused to open a case", "the
/// arresting officers"): it says who someone is, and tells no act.
fn describes_who_acts(text: &str, tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    text[tr.ts..tr.te].to_lowercase().ends_with("ing")
        && tree.head_of(tr.ts, tr.te).is_some_and(|w| {
            matches!(tree.rel(w), "amod" | "compound")
                && tree
                    .head(w)
                    .is_some_and(|n| n > w && tree.words[n].word.upos == "NOUN")
        })
}

/// Things that are seized without anyone being seized: power or land taken, goods or papers
/// confiscated.
const THINGS_SEIZED: &[&str] = &[
    "power",
    "control",
    "territory",
    "land",
    "property",
    "asset",
    "building",
    "equipment",
    "computer",
    "laptop",
    "phone",
    "device",
    "camera",
    "document",
    "passport",
    "book",
    "material",
    "weapon",
    "money",
    "cash",
    "car",
    "vehicle",
    "goods",
    "drug",
    "publication",
];

/// Things that are carried out without anyone being put to death: a crime, a plan, an order.
const THINGS_EXECUTED: &[&str] = &[
    "crime",
    "plan",
    "order",
    "warrant",
    "contract",
    "operation",
    "attack",
    "mission",
    "program",
    "programme",
    "strategy",
    "task",
    "deal",
    "project",
    "policy",
    "decision",
    "search",
];

/// Gatherings one holds ("His trial in December was held behind closed doors"): what is held
/// so is no one detained.
const THINGS_HELD: &[&str] = &[
    "trial",
    "hearing",
    "meeting",
    "talk",
    "election",
    "vote",
    "referendum",
    "protest",
    "rally",
    "demonstration",
    "ceremony",
    "session",
    "conference",
    "funeral",
    "vigil",
    "event",
    "march",
    "summit",
    "briefing",
    "interview",
    "consultation",
    "negotiation",
];

/// Whether "seized", "seizure" tells no arrest, "executed", "execution" no killing, or "held"
/// no detention: what was seized, executed or held is a thing ("seized her laptop and phone",
/// "the president's seizure of wide powers", "ordering and executing the crime", "the trial
/// was held behind closed doors"), the object of the verb, the subject of its passive, or what
/// the noun is a seizure or an execution "of".
fn acts_on_a_thing(text: &str, tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    let word = text[tr.ts..tr.te].to_lowercase();
    let things = match tr.act.name {
        ActKind::Arrest if word.starts_with("seiz") => THINGS_SEIZED,
        ActKind::Killing if word.starts_with("execut") => THINGS_EXECUTED,
        ActKind::Detention if word.ends_with("held") => THINGS_HELD,
        _ => return false,
    };
    let Some(v) = tree.head_of(tr.ts, tr.te) else {
        return false;
    };
    tree.children(v)
        .find(|&c| match tree.rel(c) {
            "obj" | "nsubj:pass" => true,
            "nmod" => tree.has_child(c, "case", &["of"]),
            _ => false,
        })
        .is_some_and(|c| {
            let lemma = tree.words[c].word.lemma.to_lowercase();
            tree.words[c].word.upos == "NOUN" && things.contains(&lemma.as_str())
        })
}

/// Whether "leave" tells no flight: only leaving one is helped, forced or has to do is one
/// ("helped Saleh and Ismail leave Chechnya", "had to leave the country"); not "leave a
/// message", "were not allowed to leave", "decided to leave politics".
fn leaves_of_own_accord(text: &str, tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    if tr.act.name != ActKind::Flight || !text[tr.ts..tr.te].eq_ignore_ascii_case("leave") {
        return false;
    }
    let made_to = tree.head_of(tr.ts, tr.te).is_some_and(|v| {
        matches!(tree.rel(v), "xcomp" | "ccomp")
            && tree.head(v).is_some_and(|h| {
                matches!(
                    tree.words[h].word.lemma.to_lowercase().as_str(),
                    "help" | "force" | "have" | "compel" | "make" | "oblige" | "assist"
                )
            })
    });
    !made_to
}

/// Whether "escaped" tells of a danger escaped, not of a flight: its object is what threatened
/// ("narrowly escaped an assassination attempt", "escaped arrest", "escaped death"), not a place
/// ("escaped Chechnya", "escaped the country", "escaped from prison").
fn escapes_a_danger(tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    if tr.act.name != ActKind::Flight {
        return false;
    }
    let Some(v) = tree.head_of(tr.ts, tr.te) else {
        return false;
    };
    let escape = tree.words[v].word.lemma.to_lowercase().starts_with("escap");
    escape
        && tree.children(v).any(|o| {
            let w = &tree.words[o].word;
            tree.rel(o) == "obj"
                && w.upos == "NOUN"
                && crate::lexicon::place(&w.form.to_lowercase()).is_none()
                && !PLACE_NOUNS.contains(&w.lemma.to_lowercase().as_str())
        })
}

/// Nouns for a place one can flee ("escaped the country").
const PLACE_NOUNS: &[&str] = &[
    "country",
    "city",
    "region",
    "republic",
    "prison",
    "camp",
    "jail",
    "village",
    "town",
    "capital",
    "homeland",
    "area",
    "territory",
    "border",
    "detention",
    "custody",
    "cell",
];

/// Whether a trigger of moving someone to somewhere ("taken to", "driven all the way to",
/// "brought to") moves them to no named place: a forced transfer is to a place the report names
/// ("taken to Grozny", "driven all the way to Chechnya"), not "taken to hospital" or "brought
/// to court"; and no word of moving someone to a hospital is one ("transferred to a hospital").
fn moved_to_no_named_place(text: &str, tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    if tr.act.name != ActKind::ForcedReturn {
        return false;
    }
    // moved to where the sick are cared for ("transferred to a hospital, where she was
    // pronounced dead"): care, whatever the word of moving; or from cell to cell inside a
    // prison ("transferred to solitary confinement", "moved to a punishment cell")
    const CARE: &[&str] = &[
        "hospital",
        "clinic",
        "infirmary",
        "hospice",
        "ward",
        "confinement",
        "cell",
        "isolation",
    ];
    let to_care = tree.head_of(tr.ts, tr.te).is_some_and(|v| {
        tree.children(v).any(|c| {
            tree.rel(c).starts_with("obl")
                && tree.has_child(c, "case", &["to"])
                && CARE.contains(&tree.words[c].word.lemma.to_lowercase().as_str())
        })
    });
    if to_care {
        return true;
    }
    if !text[tr.ts..tr.te].ends_with(" to") {
        return false;
    }
    let Some(v) = tree.head_of(tr.ts, tr.te) else {
        return true;
    };
    let named_place =
        |w: usize| tree.has_child(w, "case", &["to"]) && tree.words[w].word.upos == "PROPN";
    // "to Grozny" on the verb, or on the way ("all the way to Chechnya")
    !tree.children(v).any(|c| {
        tree.rel(c).starts_with("obl")
            && (named_place(c)
                || tree
                    .children(c)
                    .any(|n| tree.rel(n) == "nmod" && named_place(n)))
    })
}

/// Whether an act is told of a dead body ("the body was handed over to a local collaborator",
/// "seized the remains", "was dismembered and removed"): the body is the object or the passive
/// subject of the act's word, or of the verb it is coordinated with, which shares its subject.
fn done_to_remains(tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    let Some(v) = tree.head_of(tr.ts, tr.te) else {
        return false;
    };
    let undergoes = |v: usize| {
        tree.children(v)
            .any(|c| matches!(tree.rel(c), "obj" | "nsubj:pass") && tree.is_remains(c))
    };
    // a verb joined by "and" shares the body only when it has no subject of its own ("the body
    // was found and the suspect arrested" arrests no body)
    let own_subject = tree.children(v).any(|c| tree.rel(c).starts_with("nsubj"));
    undergoes(v) || (tree.rel(v) == "conj" && !own_subject && tree.head(v).is_some_and(undergoes))
}

/// The act a telling states, given what it was done to. An act done to someone, told of a dead
/// body, is no act against a person: a body moved ("handed over") is the disposal of the
/// remains, and any other such act ("seized the remains") states none. Words of disposal
/// ("removed", "destroyed", "buried") tell of it only when a body is what they act on ("removed
/// from office" does not). None when the telling states no act.
fn act_on_remains(tree: &crate::grammar::Tree, tr: &Trigger) -> Option<&'static ActType> {
    let remains = done_to_remains(tree, tr);
    match tr.act.name {
        ActKind::RemainsDisposal => remains.then_some(tr.act),
        ActKind::Mutilation => Some(tr.act),
        ActKind::ForcedReturn if remains => Some(act(ActKind::RemainsDisposal)),
        _ if remains && tr.act.violation => None,
        _ => Some(tr.act),
    }
}

/// Whether a sentence named is one someone is serving ("a source who is serving a prison
/// sentence"): a state they are in, not a trial told.
fn serving_a_sentence(tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    tr.act.name == ActKind::Trial
        && tree.head_of(tr.ts, tr.te).is_some_and(|w| {
            tree.words[w].word.upos == "NOUN"
                && tree.head(w).is_some_and(|v| {
                    matches!(
                        tree.words[v].word.lemma.to_lowercase().as_str(),
                        "serve" | "complete" | "finish"
                    )
                })
        })
}

/// What the grammar of one sentence says of the order of its acts (`out[first..]`), and of
/// their doers: a statement comes after the act it tells as done in its complement
/// ("acknowledged that Khashoggi was killed"), an act after the act of its "after" clause or
/// phrase ("dismembered after he was strangled", "destroyed following his death"), a response
/// after what it responds to ("Responding to the verdict, …", "condemned the verdict"); and a verb
/// with a subject of its own that names no one known has an unnamed doer.
fn order_acts(tree: &crate::grammar::Tree, out: &mut [EventMention], first: usize) {
    let heads: Vec<Option<usize>> = out[first..]
        .iter()
        .map(|em| tree.word_at(em.trigger.start))
        .collect();
    for (i, &ha) in heads.iter().enumerate() {
        let Some(ha) = ha else { continue };
        let mut after = Vec::new();
        for (j, &hb) in heads.iter().enumerate() {
            let Some(hb) = hb.filter(|&hb| hb != ha && i != j) else {
                continue;
            };
            let b = &out[first + j];
            let reported = out[first + i].kind == ActKind::PublicStatement
                && b.modality.in_chain()
                && tree.complement_told_as_done(ha, hb);
            let responded = b.modality.in_chain() && tree.responds_to(ha, hb);
            if reported || responded || tree.after_clause(ha, hb) {
                after.push(first + j);
            }
        }
        let a = &mut out[first + i];
        a.after = after;
        let unnamed = tree.children(tree.subject_holder(ha)).find(|&c| {
            let w = &tree.words[c].word;
            // (a people named in the plural, "the Saudis", is no one's name)
            tree.rel(c) == "nsubj"
                && (!matches!(w.upos.as_str(), "PRON" | "PROPN") || w.xpos == "NNPS")
        });
        let named =
            |roles: &[ParticipantRole]| a.participants.iter().any(|p| roles.contains(&p.role));
        a.doer_unnamed = unnamed.is_some() && !named(&[ParticipantRole::Agent]);
        // (the subject of "fled", "vanished", "confessed" underwent it: no doer)
        a.doer_words = unnamed
            .filter(|_| {
                tree.words[ha].word.upos == "VERB"
                    && !UNDERGONE_BY_SUBJECT.contains(&a.kind)
                    && !named(&[ParticipantRole::Agent, ParticipantRole::Perpetrator])
            })
            .map(|c| {
                let (s, e) = tree.noun_phrase(c);
                Span::new(a.sentence.doc.clone(), s, e)
            });
    }
    past_the_narrative(tree, out, first);
}

/// Whether the sentence of `out[first..]` tells of a time after the narrative's, which its acts
/// then do not take: an act told after something its clause names that took no time ("Police
/// detained more than 1,000 people after the verdict", the verdict undated; "after the
/// meeting"), after a span the report does not give; or one that answers or tells of an act of
/// its sentence that took no time ("Hezbollah condemned the killing and called on the judiciary
/// to find the perpetrators", after sentences of 2019), after that act, whose time is not the
/// narrative's. ("After being transported back …, the two men were held", the return dated so,
/// is of its time.) Every act of the sentence then loses the narrative's time.
fn past_the_narrative(tree: &crate::grammar::Tree, out: &mut [EventMention], first: usize) {
    let sentence = &out[first..];
    let undated = |j: &usize| out[*j].time.is_none();
    let past = sentence.iter().any(|a| {
        let follows = tree.told_after_something(a.trigger.start, a.trigger.end);
        let after_undated = !a.after.is_empty() && a.after.iter().all(undated);
        a.time_from_context
            && (after_undated
                || follows.is_some_and(|c| {
                    !sentence.iter().any(|b| {
                        b.time.is_some() && tree.inside((b.trigger.start, b.trigger.end), c)
                    })
                }))
    });
    if past {
        for a in out[first..].iter_mut().filter(|a| a.time_from_context) {
            a.time = None;
            a.time_from_context = false;
        }
    }
}

/// Where a report's opening ends: its title and the short lines under it (standfirst, caption,
/// dateline), through its first paragraph of body text (one of 20 words or more, not
/// boilerplate). The opening tells the report's news.
fn opening_end(doc: &Document) -> usize {
    let text = doc.text.as_str();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let (start, end) = (at, at + line.len());
        at = end;
        let words = line.split_whitespace().count();
        if words >= 20 && !doc.in_boilerplate(start, end) {
            return end;
        }
    }
    text.len()
}

/// One telling of an act: participants, place, time and modality.
fn event_mention(
    cx: &Ctx,
    sent: &Sentence,
    tr: &Trigger,
    last_time: Option<Narrative>,
    tree: &crate::grammar::Tree,
) -> EventMention {
    static GROUP: OnceLock<Regex> = OnceLock::new();
    let group = re(
        &GROUP,
        r"(?i)\b(?:they|them|the (?:two )?(?:young |gay )?men|the pair|both men|both)\b",
    );
    let mentions = cx.mentions;
    // place: the place named in the act's own clause (else a clause joined to it by "and"),
    // the nearest first
    let place = sent
        .in_sentence
        .iter()
        .copied()
        .filter(|&k| mentions[k].kind == EntityKind::Place)
        // a country that opens a title before a colon is its topic, not where the act was
        // ("Iran: Independent investigation needed into death in custody of …")
        .filter(|&k| {
            let span = &mentions[k].span;
            !(cx.text[sent.ss..span.start].trim().is_empty()
                && cx.text[span.end..sent.se].starts_with(':'))
        })
        .filter_map(|k| {
            let span = (mentions[k].span.start, mentions[k].span.end);
            // (a place in the phrase of a noun naming another act is that act's: "ruled that
            // Russia was responsible for the 2006 killing of X in London")
            if not_where_it_was_done(tree, span, tr) || places_another_act(tree, span, tr) {
                return None;
            }
            let rank = in_clause(tree, span, tr, true)?;
            Some((rank, mentions[k].span.start.abs_diff(tr.ts), k))
        })
        .min()
        .map(|(_, _, k)| k);
    let participants = participants(cx, sent, tr, tree);
    let whom = Whom::of(&participants, mentions);
    // what a verb undoes was done before it, on no day the sentence gives ("Prosecutors dropped
    // the charges in April")
    let (time, from_context, reported) = match tree.undone(tr.ts, tr.te) {
        true => (None, false, false),
        false => time_of(cx, sent, tr, whom, last_time, tree),
    };
    EventMention {
        kind: tr.act.name,
        trigger: cx.doc.span(tr.ts, tr.te),
        sentence: cx.doc.span(sent.ss, sent.se),
        participants,
        place,
        time,
        time_from_context: from_context,
        time_reported: reported,
        // the present perfect tells the report's news in its opening only; further on it tells
        // what is so by the time of writing, on no day ("Kadyrov has dismissed the reports")
        done_by_report: time.is_none() && tr.ts < cx.opening && tree.done_by_now(tr.ts, tr.te),
        on_remains: done_to_remains(tree, tr),
        refers_back: false,
        after: Vec::new(),
        doer_unnamed: false,
        doer_words: None,
        done_to_others: done_to_others(tree, tr),
        answer: (tr.act.name == ActKind::Petition)
            .then(|| tree.answer((tr.ts, tr.te)))
            .flatten(),
        group: group.is_match(sent.st)
            || sent
                .in_sentence
                .iter()
                .any(|&k| mentions[k].kind == EntityKind::Group),
        // words naming the act's refusal first ("refused access"); then the grammar: the words
        // that govern the act in the tree; else the words before it
        // an act told inside a quotation is its speaker's claim, not the writer's word
        modality: match tr.act.name != ActKind::PublicStatement
            && names_its_refusal(&cx.text[tr.ts..tr.te])
        {
            true => Modality::Negated,
            // an arrest "in absentia" is a warrant for one who is away: no one was arrested
            false if arrest_in_absentia(tree, tr) => Modality::Hypothetical,
            false => match tree
                .modality((tr.ts, tr.te))
                .unwrap_or_else(|| modality_of(sent.st, tr.ts - sent.ss, tr.act))
            {
                Modality::Asserted if cx.quoted(tr.ts, tr.te) => Modality::Alleged,
                m => m,
            },
        },
    }
}

/// Whether an arrest or a detention is ordered "in absentia" ("ordered the arrest in absentia
/// of the exiled journalist", "was arrested in absentia"): the order of a court to arrest one
/// who is away, not an arrest. (A trial or a sentence in absentia is one.)
fn arrest_in_absentia(tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    let absentia = |w: usize| tree.words[w].word.form.eq_ignore_ascii_case("absentia");
    matches!(tr.act.name, ActKind::Arrest | ActKind::Detention)
        && tree.head_of(tr.ts, tr.te).is_some_and(|h| {
            // on the act's word, or right after it where the parse hangs it on the verb that
            // orders it ("ordered the arrest in absentia")
            tree.children(h).any(absentia)
                || (h + 2 < tree.words.len()
                    && tree.words[h + 1].word.form.eq_ignore_ascii_case("in")
                    && absentia(h + 2))
        })
}

/// The names of a sentence that take part in an act, with their roles; "the two men", "the
/// pair" stand for the report's pair of people, as victims.
fn participants(
    cx: &Ctx,
    sent: &Sentence,
    tr: &Trigger,
    tree: &crate::grammar::Tree,
) -> Vec<MentionRole> {
    let mentions = cx.mentions;
    // a possessor did what a party takes (an appeal, a request, a statement) and underwent what
    // is done to someone (an arrest, a sentence)
    let done_to = tr.act.violation || tr.act.name.is_proceeding();
    // "Responding to the verdict, Lawlor said": the one who says it responds
    let responding = tree
        .head_of(tr.ts, tr.te)
        .is_some_and(|r| tree.is_response(r));
    let mut participants: Vec<MentionRole> = sent
        .in_sentence
        .iter()
        .filter_map(|&k| {
            // the closest tie to any word naming the act: doer or undergoer before any other
            let span = (mentions[k].span.start, mentions[k].span.end);
            // whose brother or lawyer it was is no part of what was done to or by them
            if tree.possessor_of_a_person_noun(span.0, span.1) {
                return None;
            }
            let tie = tr
                .all
                .iter()
                .filter_map(|&w| tree.tie(span, w))
                .map(|(tie, why)| (tie.of_possessor(done_to), why))
                .min_by_key(|(tie, _)| matches!(tie, Tie::Other));
            let tied = tie.as_ref().map(|t| t.0);
            let addressed = tr.spans().find(|&w| tree.addressed_by_phrase(span, w));
            let by_phrase =
                addressed.map(|(s, e)| format!("phrase of “to” or “on” of “{}”", &cx.text[s..e]));
            participant_role(
                cx,
                sent,
                tr,
                &mentions[k],
                tied,
                responding,
                by_phrase.is_some(),
            )
            .map(|role| MentionRole {
                mention: k,
                role,
                relation: tie.map(|t| t.1).or(by_phrase),
            })
        })
        .collect();
    let by_pronoun = pronoun_participants(cx, sent, tr, tree, &participants);
    participants.extend(by_pronoun);
    participants.extend(body_saying_it(cx, sent, tr, tree, &participants));
    // those the act befalls: its victims, or those a proceeding is against
    let befalls = if tr.act.name.is_proceeding() {
        ParticipantRole::Accused
    } else {
        ParticipantRole::Victim
    };
    if tr.act.violation
        && !participants
            .iter()
            .any(|p| p.role == befalls && mentions[p.mention].kind == EntityKind::Person)
        && sent
            .in_sentence
            .iter()
            .any(|&k| mentions[k].kind == EntityKind::Group)
    {
        if let Some((x, y)) = cx.pair {
            for mention in [x, y] {
                participants.push(MentionRole {
                    mention,
                    role: befalls,
                    relation: Some(
                        "one of the pair the sentence's “they” or “the two men” stands for".into(),
                    ),
                });
            }
        }
    }
    participants
}

/// The body "it" stands for as the doer of an act a body says it did: the subject of the verb
/// of saying the act's clause is the complement of ("The Interior Ministry said it had opened
/// an investigation"), when the act names no doer otherwise.
fn body_saying_it(
    cx: &Ctx,
    sent: &Sentence,
    tr: &Trigger,
    tree: &crate::grammar::Tree,
    found: &[MentionRole],
) -> Option<MentionRole> {
    let mentions = cx.mentions;
    if found.iter().any(|p| {
        matches!(
            p.role,
            ParticipantRole::Agent | ParticipantRole::Perpetrator
        )
    }) {
        return None;
    }
    let say = tree.saying_over(tr.ts, tr.te)?;
    let it = tree.words.iter().position(|w| {
        w.word.form.eq_ignore_ascii_case("it")
            && w.word.upos == "PRON"
            && w.start > tree.words[say].end
    })?;
    let pw = &tree.words[it];
    let (tie, why) = tr
        .all
        .iter()
        .filter_map(|&t| tree.tie((pw.start, pw.end), t))
        .find(|(t, _)| *t == Tie::Doer)?;
    let k = sent.in_sentence.iter().copied().find(|&k| {
        mentions[k].kind == EntityKind::Organization
            && tree
                .head_of(mentions[k].span.start, mentions[k].span.end)
                .is_some_and(|m| tree.rel(m) == "nsubj" && tree.head(m) == Some(say))
    })?;
    let role = role_of_tie(tr.act, tie)?;
    Some(MentionRole {
        mention: k,
        role,
        relation: Some(format!(
            "“it”, the body that says so, the subject of “{}”: {why}",
            tree.words[say].word.form
        )),
    })
}

/// The people "he", "him", "she" or "her" stand for as a doer or an undergoer of the act: the
/// one person named before the pronoun in its sentence ("The family of Abdul Karim says he was
/// picked up by men in plainclothes": Karim was picked up), when only one is, and not one who
/// speaks or acts for another ("His lawyer, Anna Kell, said he was beaten"), nor one the act
/// already ties as its doer or undergoer ("Dorn beat him" is not Dorn beating himself).
fn pronoun_participants(
    cx: &Ctx,
    sent: &Sentence,
    tr: &Trigger,
    tree: &crate::grammar::Tree,
    found: &[MentionRole],
) -> Vec<MentionRole> {
    let mentions = cx.mentions;
    let surname = |k: usize| {
        mentions[k]
            .text
            .split_whitespace()
            .last()
            .unwrap_or("")
            .to_lowercase()
    };
    let tied: Vec<String> = found
        .iter()
        .filter(|p| !matches!(p.role, ParticipantRole::Other | ParticipantRole::Source))
        .map(|p| surname(p.mention))
        .collect();
    let people: Vec<usize> = sent
        .in_sentence
        .iter()
        .copied()
        .filter(|&k| {
            mentions[k].kind == EntityKind::Person && mentions[k].source != Mention::ANAPHOR
        })
        .filter(|&k| {
            let (s, e) = (mentions[k].span.start, mentions[k].span.end);
            !tree.someones_agent(s, e) && !tree.possessor_of_a_person_noun(s, e)
        })
        .collect();
    let mut out = Vec::new();
    for (w, pw) in tree.words.iter().enumerate() {
        let pron = pw.word.form.as_str();
        if !matches!(pron.to_lowercase().as_str(), "he" | "him" | "she" | "her")
            || pw.word.upos != "PRON"
            || tree.rel(w) == "nmod:poss"
            // "her son": a possessive the parse may take for an object
            || (pron.eq_ignore_ascii_case("her")
                && tree.words.get(w + 1).is_some_and(|n| {
                    matches!(n.word.upos.as_str(), "NOUN" | "PROPN" | "ADJ" | "NUM")
                }))
            || cx.quoted(pw.start, pw.end)
        {
            continue;
        }
        let Some((tie, why)) = tr
            .all
            .iter()
            .filter_map(|&t| tree.tie((pw.start, pw.end), t))
            .find(|(t, _)| matches!(t, Tie::Doer | Tie::Undergoer))
        else {
            continue;
        };
        let mut before: Vec<usize> = people
            .iter()
            .copied()
            .filter(|&k| mentions[k].span.end <= pw.start)
            .collect();
        // no one named before it in its sentence: the one person the sentence before is about
        let from_before = before.is_empty() && sent.subject_before.is_some();
        before.extend(sent.subject_before.filter(|_| from_before));
        let mut names: Vec<String> = before.iter().map(|&k| surname(k)).collect();
        names.sort();
        names.dedup();
        let (Some(&k), 1) = (before.first(), names.len()) else {
            continue;
        };
        // not the one who says it: a speaker is the act's source, whoever "he" is ("Activist
        // Anna Kell said he had been beaten": the one beaten may be named before)
        let speaker = tree
            .head_of(mentions[k].span.start, mentions[k].span.end)
            .filter(|&m| tree.rel(m) == "nsubj")
            .and_then(|m| tree.head(m))
            .is_some_and(|v| {
                tree.is_speech(v)
                    && std::iter::successors(tree.head(w), |&x| tree.head(x)).any(|x| x == v)
            });
        if speaker {
            continue;
        }
        // a noun for another person between them may be the one meant ("Anna Kell said police
        // beat her son and detained him"), unless it is the name's own ("Ivan Dorn, a
        // journalist, said police beat him")
        let last = match from_before {
            true => sent.ss,
            false => before
                .iter()
                .map(|&k| mentions[k].span.end)
                .max()
                .unwrap_or(0),
        };
        let other_person = (0..w).any(|n| {
            tree.words[n].start >= last
                && tree.names_a_person(n)
                && !before
                    .iter()
                    .any(|&k| tree.in_apposition(n, (mentions[k].span.start, mentions[k].span.end)))
        });
        if tied.contains(&surname(k)) || other_person {
            continue;
        }
        let Some(role) = role_of_tie(tr.act, tie) else {
            continue;
        };
        let whom = match from_before {
            true => "the one person the sentence before is about, its subject",
            false => "the one person named before it in the sentence",
        };
        out.push(MentionRole {
            mention: k,
            role,
            relation: Some(format!("“{pron}”, {whom}: {why}")),
        });
    }
    out
}

/// A report's names and times in text order, so a sentence finds its own by a binary search,
/// not by a pass over every name of the report.
struct InTextOrder<'a> {
    mentions: &'a [Mention],
    timexes: &'a [Timex],
    names: Vec<usize>,
    times: Vec<usize>,
}

impl<'a> InTextOrder<'a> {
    fn of(mentions: &'a [Mention], timexes: &'a [Timex]) -> Self {
        let mut names: Vec<usize> = (0..mentions.len()).collect();
        names.sort_by_key(|&m| mentions[m].span.start);
        let mut times: Vec<usize> = (0..timexes.len()).collect();
        times.sort_by_key(|&t| timexes[t].span.start);
        InTextOrder {
            mentions,
            timexes,
            names,
            times,
        }
    }

    /// Sentence `si` at `ss..se` of `text`, with its names and its dates.
    fn sentence<'t>(&self, text: &'t str, si: usize, (ss, se): (usize, usize)) -> Sentence<'t> {
        let (mentions, timexes) = (self.mentions, self.timexes);
        let within = |order: &[usize], start: &dyn Fn(usize) -> usize| {
            let a = order.partition_point(|&k| start(k) < ss);
            let b = order.partition_point(|&k| start(k) < se);
            order[a..b].to_vec()
        };
        let mut in_sentence = within(&self.names, &|m| mentions[m].span.start);
        in_sentence.retain(|&m| mentions[m].span.end <= se);
        in_sentence.sort_unstable();
        Sentence {
            si,
            ss,
            se,
            st: &text[ss..se],
            in_sentence,
            times: within(&self.times, &|t| timexes[t].span.start)
                .into_iter()
                .filter(|&t| {
                    timexes[t].span.end <= se
                        && timexes[t].kind == "date"
                        && (timexes[t].value.is_some()
                            || timexes[t].bounds.is_some()
                            || timexes[t].relative)
                })
                .collect::<std::collections::BTreeSet<usize>>()
                .into_iter()
                .collect(),
            subject_before: None,
        }
    }
}

/// Whether a sentence has "he", "him", "she" or "her" as a word.
fn sent_has_pronoun(sent: &Sentence) -> bool {
    sent.st
        .split(|c: char| !c.is_alphabetic())
        .any(|w| matches!(w.to_lowercase().as_str(), "he" | "him" | "she" | "her"))
}

/// The one person the sentence at `prev` is about, when it is in the paragraph of the
/// sentence at `here`: a person named as (or in apposition to) the subject of its main verb
/// ("Abd El-Fattah, 40, … was arrested in September 2019"), who is the only person it names
/// (by surname), outside quotes. A "he" or "she" the next sentence's names leave open is that
/// person ("In December 2021, a court sentenced him").
fn subject_before(
    cx: &Ctx,
    prev: &Sentence,
    here: (usize, usize),
    trees: &mut crate::grammar::Trees,
) -> Option<usize> {
    let (ps, pe) = (prev.ss, prev.se);
    if pe > here.0 || cx.text[pe..here.0].contains("\n\n") {
        return None;
    }
    let mentions = cx.mentions;
    let people: Vec<usize> = prev
        .in_sentence
        .iter()
        .copied()
        .filter(|&k| {
            let m = &mentions[k];
            m.kind == EntityKind::Person && m.source != Mention::ANAPHOR
        })
        .collect();
    let surname = |k: usize| {
        let text = &mentions[k].text;
        text.split_whitespace().last().unwrap_or("").to_lowercase()
    };
    let (&first, rest) = people.split_first()?;
    if rest.iter().any(|&k| surname(k) != surname(first))
        || people
            .iter()
            .any(|&k| cx.quoted(mentions[k].span.start, mentions[k].span.end))
    {
        return None;
    }
    let names = crate::coref::name_spans(mentions, ps, pe);
    let tree = trees.get(cx.text, ps, pe, names);
    let root = (0..tree.words.len()).find(|&w| tree.rel(w) == "root")?;
    let subject = tree
        .children(root)
        .find(|&c| matches!(tree.rel(c), "nsubj" | "nsubj:pass"))?;
    let mut words = vec![subject];
    words.extend(tree.children(subject).filter(|&c| tree.rel(c) == "appos"));
    words.into_iter().find_map(|w| {
        let (ws, we) = (tree.words[w].start, tree.words[w].end);
        people
            .iter()
            .copied()
            .find(|&k| mentions[k].span.start <= ws && we <= mentions[k].span.end)
    })
}

/// The role a person's tie to an act gives them: of a violation, the subject of "killed" or the
/// agent of "was killed by" did it, and the one it was done to underwent it (those who flee,
/// vanish or are made to recant undergo it as its subject); of any other act, the doer took it
/// ("who appealed, petitioned, spoke"). None for a tie of another kind.
fn role_of_tie(a: &ActType, tie: Tie) -> Option<ParticipantRole> {
    Some(match (a.violation, tie) {
        (true, Tie::Doer) if UNDERGONE_BY_SUBJECT.contains(&a.name) => ParticipantRole::Victim,
        // the judge who sentenced, the prosecutor who charged: they took a legal proceeding,
        // which the case file does not call a crime
        (true, Tie::Doer) if a.name.is_proceeding() => ParticipantRole::Agent,
        (true, Tie::Doer) => ParticipantRole::Perpetrator,
        // the one charged or sentenced is the accused: a victim of a fabricated case and a
        // killer tried for the killing alike
        (true, Tie::Undergoer) if a.name.is_proceeding() => ParticipantRole::Accused,
        (true, Tie::Undergoer) => ParticipantRole::Victim,
        (false, Tie::Doer) => ParticipantRole::Agent,
        _ => return None,
    })
}

/// Whether a body is named right before the noun of its step ("an independent UN probe", "FBI
/// investigation": the parse's compound), which it takes; not an outlet ("a Reuters
/// investigation" is its reporting).
fn body_before_its_step(text: &str, tr: &Trigger, men: &Mention, tie: Option<Tie>) -> bool {
    tr.act.name.is_intervention()
        && tie == Some(Tie::Undergoer)
        && men.span.end <= tr.ts
        && text[men.span.end..tr.ts].trim().is_empty()
        && men.source != "outlet-table"
}

/// Acts whose grammatical subject is the one they befall ("he fled", "she disappeared", "they
/// apologised", "he died in custody").
const UNDERGONE_BY_SUBJECT: &[ActKind] = &[
    ActKind::Flight,
    ActKind::DeathInCustody,
    ActKind::Disappearance,
    ActKind::CoercedStatement,
];

/// The role a name plays in an act told in its sentence, or None when it plays none.
fn participant_role(
    cx: &Ctx,
    sent: &Sentence,
    tr: &Trigger,
    men: &Mention,
    tie: Option<Tie>,
    responding: bool,
    addressed: bool,
) -> Option<ParticipantRole> {
    let text = cx.text;
    let (ss, se, a) = (sent.ss, sent.se, tr.act);
    let before = text[ss..men.span.start].trim_end().to_lowercase();
    // whom an appeal is addressed to: the object of "urged", "petitioned" ("urged the
    // authorities to investigate"), the passive subject ("the UN was petitioned"), or a phrase
    // of "to" or "on" ("appealed to the Supreme Court", "called on Russia")
    if a.name == ActKind::Petition
        && men.kind != EntityKind::Group
        && (tie == Some(Tie::Undergoer) || addressed)
    {
        return Some(ParticipantRole::Addressee);
    }
    Some(match men.kind {
        EntityKind::Person | EntityKind::Group => {
            let speaker = text[men.span.end..se]
                .trim_start_matches([',', ' '])
                .to_lowercase();
            let speaks = [
                "said",
                "says",
                "told",
                "added",
                "tweeted",
                "claimed",
                "dismissed",
                "described",
            ]
            .iter()
            .any(|w| speaker.starts_with(w));
            // "according to the editor, Marta Kell": she tells, she is not the victim
            let cited = before
                .rsplit_once("according to")
                .is_some_and(|(_, rest)| rest.len() < 40);
            // a name inside a quotation is the speaker's to place: the one the quoted act is
            // done to or by when the grammar ties it so ("“the victim Jamal Khashoggi was
            // choked to death,” the statement said"), else one the speaker cites
            let quoted = cx.quoted(men.span.start, men.span.end);
            let tied = matches!(tie, Some(Tie::Doer | Tie::Undergoer));
            // ("According to his lawyer, Kozlov was beaten": the grammar makes him the one
            // beaten, and the lawyer tells it)
            // the one who says a response makes it ("Responding to the verdict, Lawlor said"),
            // as the one whose saying on a network is the statement ("Pence added on Twitter
            // that …": the statement's word is the verb of saying itself)
            let saying_is_the_act = a.name == ActKind::PublicStatement
                && ["said", "says", "added", "wrote", "posted"]
                    .iter()
                    .any(|w| text[tr.ts..tr.te].to_lowercase().starts_with(w));
            let says_it = (responding || saying_is_the_act) && tie == Some(Tie::Doer);
            if (speaks && !says_it) || ((cited || quoted) && !tied) {
                ParticipantRole::Source
            } else {
                // the grammar says who did it or underwent it; a name the grammar ties to
                // something else ("shot in the park", "told to the court"), or to nothing, is
                // given no role: none is invented
                tie.and_then(|t| role_of_tie(a, t))
                    .unwrap_or(ParticipantRole::Other)
            }
        }
        EntityKind::Organization => {
            let after = text[men.span.end..se].trim_start();
            // "by" must be the act's own: "killed by the FSB", not "reported by the Post"
            if (before.ends_with("by") || before.ends_with("by both")) && tie == Some(Tie::Doer) {
                if a.violation && a.name != ActKind::Flight && !a.name.is_proceeding() {
                    ParticipantRole::Perpetrator
                } else {
                    ParticipantRole::Agent
                }
            } else if before.ends_with("help of the")
                || before.ends_with("help of")
                || before.ends_with("assistance of the")
                || after.starts_with("helped")
                || after.starts_with("had helped")
            {
                ParticipantRole::Helper
            } else if men.source == "descriptive"
                && a.violation
                && !a.name.is_proceeding()
                && tie == Some(Tie::Doer)
                && !UNDERGONE_BY_SUBJECT.contains(&a.name)
            {
                // "police detained him", not "according to the police, he was killed"
                ParticipantRole::Perpetrator
            } else if (!a.violation || a.name.is_proceeding()) && tie == Some(Tie::Doer) {
                // the body that appealed, investigated, imposed sanctions, charged or sentenced:
                // the subject of the act (a court is not thereby a perpetrator)
                ParticipantRole::Agent
            } else if body_before_its_step(text, tr, men, tie) {
                ParticipantRole::Agent
            } else {
                return None;
            }
        }
        // a state named by its country takes steps ("Germany expelled two diplomats", "Saudi
        // Arabia sentenced five people"): the doer of what is no violation, or of a proceeding;
        // a country is never read as a perpetrator or a victim, nor a city as a government
        EntityKind::Place
            if tie == Some(Tie::Doer)
                && (!a.violation || a.name.is_proceeding())
                && crate::lexicon::place(men.text.trim_start_matches("the "))
                    .is_some_and(|p| p.kind == "country") =>
        {
            ParticipantRole::Agent
        }
        _ => return None,
    })
}

/// The time of an act: an expression of its own clause in the sentence's tree (nearest first),
/// else, when the sentence has no time at all, the last one in the three sentences before (then
/// the first `true`: from the context). The second `true` says the time is that of the act's
/// report, told as recent news (see [`crate::grammar::Tree::clause_distance`]). A sentence
/// whose times all belong to other clauses leaves the act undated: "said on Sunday that he was
/// killed" dates the saying, not the killing.
fn time_of(
    cx: &Ctx,
    sent: &Sentence,
    tr: &Trigger,
    whom: Whom,
    last_time: Option<Narrative>,
    tree: &crate::grammar::Tree,
) -> (Option<usize>, bool, bool) {
    let timexes = cx.timexes;
    let topic = topic_noun(tree, tr);
    // what an anniversary remembers was years before: no day of the sentence or the story
    let remembered = tree
        .head_of(tr.ts, tr.te)
        .is_some_and(|a| tree.remembered(a));
    // the grammar says which clause each time dates: the act's own, else one joined to it by
    // "and"; a time of another clause (the verb of saying over it, a clause of "after") dates
    // something else, and then the act has no date of its own
    let own = sent
        .times
        .iter()
        .filter_map(|&t| {
            let span = (timexes[t].span.start, timexes[t].span.end);
            if (day_level(&timexes[t])
                && (remembered || topic.is_some_and(|n| !tree.inside(span, n))))
                || dates_another_act(tree, span, tr)
            {
                return None;
            }
            // a day beside a verb of saying dates the saying; a year or a month there dates
            // what is said ("in 2019 reported a second wave of persecution")
            let rank = in_clause(tree, span, tr, day_level(&timexes[t]))?;
            if dates_what_is_to_come(tree, span, tr) {
                return None;
            }
            // a verb joined by "and" told as coming later does not share the first one's time
            // ("was detained in 2019 and later released")
            if rank == 1 && tree.told_later(tr.ts, tr.te) {
                return None;
            }
            // a time counted on from another ("two days later") in the act's own clause is the
            // act's over the time it counts from, where the parse gives the act both ("detained on 3 October and
            // transferred two days later", the date hung on the second verb)
            let counted_on = rank == 0 && timexes[t].text.to_lowercase().ends_with(" later");
            Some((rank, !counted_on, timexes[t].span.start.abs_diff(tr.ts), t))
        })
        .min();
    // the time of a participle of doing on the act's noun is the act's ("an appeal filed by
    // his lawyers in September", "the sentence handed down in August"), whatever the time of
    // the verb the noun is in ("rejected on Thursday an appeal filed in September")
    let made = sent.times.iter().copied().find(|&t| {
        tr.spans()
            .any(|w| tree.dates_the_making((timexes[t].span.start, timexes[t].span.end), w))
    });
    if let Some(t) = made {
        return (Some(t), false, false);
    }
    match (own, last_time) {
        (Some((rank, _, _, t)), _) => (Some(t), false, rank == 2),
        // the narrative's time, unless the act only describes a thing ("the sentence the court
        // overturned"): told again as background, it keeps the time its first telling gave;
        // an act done to someone takes the news's day (see [`Narrative`]) only as news told
        // done by then ("18 nationals have been arrested", the statement said): to its month;
        // nor an act told as coming next ("then acknowledged") after a sentence the day did
        // not date: it comes after what that sentence told, whose time is not known; nor one
        // told as standing now ("have now been offered"), which is the time of writing
        (
            None,
            Some(Narrative {
                time: t,
                since,
                news,
                done_to,
                proceeding,
                whom: of_whom,
            }),
        ) if sent.times.is_empty()
            && !(proceeding && done_to_someone(tr.act))
            // an act done to others than the one the day is of, by name or as others than
            // anyone named ("Her father and sister were also arrested")
            && !whom.not_of(&of_whom, done_to_others(tree, tr))
            && sent.si - since <= 3
            && (sent.si - since <= 1 || !tree.told_next(tr.ts, tr.te))
            // "later", "initially": after or before that day by a span the report does not give
            && !(tree.told_later(tr.ts, tr.te) || tree.told_earlier(tr.ts, tr.te))
            && !tree.told_now(tr.ts, tr.te)
            // the writer's present perfect tells what is so by the time of writing, on no day
            // of the narrative
            && !writers_present_perfect(cx, tree, tr)
            // the past perfect tells what came before the time reached ("the men had
            // originally been arrested in Chechnya")
            && !tree.told_before(tr.ts, tr.te)
            // a campaign lasts months or years: the narrative's day does not date it ("the pair
            // had fled persecution")
            && !tr.act.name.is_campaign()
            // a step about the case (an appeal, a petition, a statement) answers what was done,
            // at a time of its own: the day an act was done to someone does not date it ("Police
            // shot two protesters in 2019. The experts urged the Government to act" is no
            // petition of 2019); the day of news or of a hearing does
            && !(done_to && tr.act.name.is_intervention())
            // nor what an anniversary remembers
            && !(remembered || tree.describes_noun(tr.ts, tr.te))
            // a work cited as the source ("according to a UN probe") is no step of the story
            && !tree.cited_as_source(tr.ts, tr.te)
            && !told_in_present(cx, tree, tr) =>
        {
            // a quotation is its speaker's account: the narrative's day is at most the day it
            // was said, which dates only what it tells as done by then
            let quoted = cx.quoted(tr.ts, tr.te);
            let only_said_by_then = quoted || (news && done_to_someone(tr.act));
            if !only_said_by_then {
                (Some(t), true, false)
            } else if tree.done_by_now(tr.ts, tr.te) {
                (Some(t), true, true)
            } else {
                (None, false, false)
            }
        }
        (None, _) => (None, false, false),
    }
}

/// Whether the act is told in the writer's present perfect, done by the time of writing
/// ("Lukashenko has threatened to crush the unrest"), or reported by a verb of saying the writer
/// tells so ("Lukashenko has said protesters are paid and has threatened …"); not a source's,
/// quoted or reported by a saying of the past ("the statement said, adding that two officials
/// have been fired"), which is so by the time it spoke.
fn writers_present_perfect(cx: &Ctx, tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    let perfect = |s: usize, e: usize| {
        tree.in_present_perfect(s, e)
            .is_some_and(|w| !cx.quoted(tree.words[w].start, tree.words[w].end))
    };
    match tree.saying_over(tr.ts, tr.te) {
        Some(say) => perfect(tree.words[say].start, tree.words[say].end),
        None => perfect(tr.ts, tr.te),
    }
}

/// Whether the act is told in the present by the writer ("Freedom House demands"), or by a
/// source the writer says tells it now ("authorities claim the men had confessed"); a present
/// inside a quotation is the speaker's ("“I am the victim here,” she said in her final
/// statement"), not the writer's.
fn told_in_present(cx: &Ctx, tree: &crate::grammar::Tree, tr: &Trigger) -> bool {
    let outside_quotes = |at: usize| !cx.quoted(at, at + 1);
    tree.present_form(tr.ts, tr.te).is_some_and(outside_quotes)
        || tree
            .said_in_present(tr.ts, tr.te)
            .is_some_and(outside_quotes)
}

/// How near a phrase stands to the clause of any of the words naming the act (see
/// [`crate::grammar::Tree::clause_distance`]).
fn in_clause(
    tree: &crate::grammar::Tree,
    span: (usize, usize),
    tr: &Trigger,
    said_apart: bool,
) -> Option<u8> {
    tr.spans()
        .filter_map(|w| tree.clause_distance(span, w, said_apart))
        .min()
}

/// Whether a time is a modifier of a noun naming another act, or of a noun inside that act's
/// phrase ("convicted two men of the 2018 murder of …": 2018 is the murder's, not the
/// conviction's; "released after the 2019 trial"; "convicted seven men of the murder of the
/// activist Berta Cáceres in March 2016").
fn dates_another_act(tree: &crate::grammar::Tree, span: (usize, usize), tr: &Trigger) -> bool {
    another_acts_phrase(tree, span, tr).is_some()
}

/// Whether a place is in the phrase of a noun naming another act, far from the act ("ruled
/// that Russia was responsible for the 2006 killing of X in London": London is the killing's,
/// not the ruling's); not one joined to the act by "and" ("fled persecution and torture in
/// Chechnya": the torture's too) nor what the act is done to or over ("fled persecution in
/// Chechnya": fled from there).
fn places_another_act(tree: &crate::grammar::Tree, span: (usize, usize), tr: &Trigger) -> bool {
    let Some(n) = another_acts_phrase(tree, span, tr) else {
        return false;
    };
    let near = |w: usize| {
        tree.head(n) == Some(w)
            || tree.head(w) == Some(n)
            || (tree.rel(n) == "conj" && tree.head(n).is_some_and(|h| tree.head(w) == Some(h)))
    };
    !tr.spans().filter_map(|(s, e)| tree.head_of(s, e)).any(near)
}

/// The noun naming another act whose phrase the phrase at `span` is in (see
/// [`dates_another_act`]).
fn another_acts_phrase(
    tree: &crate::grammar::Tree,
    span: (usize, usize),
    tr: &Trigger,
) -> Option<usize> {
    let mut n = tree.head_of(span.0, span.1).and_then(|t| tree.head(t))?;
    let names_an_act = |n: usize| {
        let w = &tree.words[n];
        w.word.upos == "NOUN"
            && !tr.spans().any(|(s, e)| s <= w.start && w.end <= e)
            && patterns().iter().any(|rx| {
                rx.find(&w.word.form)
                    .is_some_and(|m| m.start() == 0 && m.end() == w.word.form.len())
            })
    };
    // up through the nouns whose phrase the time is in, to the first word that is no noun
    for _ in 0..tree.words.len() {
        if names_an_act(n) {
            return Some(n);
        }
        let noun = matches!(tree.words[n].word.upos.as_str(), "NOUN" | "PROPN");
        n = tree
            .head(n)
            .filter(|_| noun && matches!(tree.rel(n), "nmod" | "appos" | "compound" | "flat"))?;
    }
    None
}

/// Whether a place named in the act's clause is not where the act was done: a state that is
/// its doer or what it is done to ("Court rules Russia tortured Chechen man", "fled Uzbekistan"),
/// or what it is about or against ("Judgment concerning Russia"),
/// or where someone was moved or fled from ("extradited from Kazakhstan to Uzbekistan": the act
/// of moving is placed where it took them).
fn not_where_it_was_done(tree: &crate::grammar::Tree, span: (usize, usize), tr: &Trigger) -> bool {
    let (Some(mut p), Some(a)) = (tree.head_of(span.0, span.1), tree.head_of(tr.ts, tr.te)) else {
        return false;
    };
    // a conjunct of an argument is one ("The European Union and the United States condemned
    // the ruling"), of the act's verb or of the verb it shares its subject with ("condemned
    // the ruling and demanded his release")
    while tree.rel(p) == "conj" {
        match tree.head(p) {
            Some(h) => p = h,
            None => break,
        }
    }
    let shares_subject = tree.rel(a) == "conj"
        && !tree.children(a).any(|c| tree.rel(c).starts_with("nsubj"))
        && tree.rel(p).starts_with("nsubj");
    let verb = match shares_subject {
        true => tree.head(a).unwrap_or(a),
        false => a,
    };
    let argument = tree.head(p) == Some(verb)
        && matches!(
            tree.rel(p),
            "nsubj" | "nsubj:pass" | "obj" | "iobj" | "obl:agent"
        );
    let moving = matches!(tr.act.name, ActKind::ForcedReturn | ActKind::Flight);
    // the state a request or a call is addressed to ("called on Russia to stop", "appealed to
    // Turkey")
    let addressed = tr.act.name.is_intervention()
        && tree.head(p) == Some(a)
        && tree.has_child(p, "case", &["on", "to"]);
    let about = tree.has_child(p, "case", &["concerning", "regarding", "about", "against"]);
    argument || about || addressed || (moving && tree.has_child(p, "case", &["from"]))
}

/// The noun of an act that its own phrase alone dates to the day: one that is only what another
/// step is about ("his appeal against extradition" is not of the step's day; a year or a span
/// the step is in holds it too: "investigations into persecution since 2017"), or a request a
/// verb answers ("The court rejected the petition on 20 February": the day of the answer, not
/// of the petition).
fn topic_noun(tree: &crate::grammar::Tree, tr: &Trigger) -> Option<usize> {
    let answered = tr.act.name == ActKind::Petition
        && tree
            .head_of(tr.ts, tr.te)
            .is_some_and(|w| tree.words[w].word.upos == "NOUN")
        && tree.answer((tr.ts, tr.te)).is_some();
    // a sentence or a verdict a court upholds, overturns, reduces or appeals against was
    // passed before ("upheld on Friday a nine-year prison sentence")
    const REVIEWING: &[&str] = &[
        "uphold",
        "overturn",
        "quash",
        "reduce",
        "commute",
        "annul",
        "appeal",
        "challenge",
        "confirm",
        "reverse",
        "review",
    ];
    let reviewed = tree.head_of(tr.ts, tr.te).is_some_and(|n| {
        tree.words[n].word.upos == "NOUN"
            && tree.rel(n) == "obj"
            && tree.head(n).is_some_and(|v| {
                REVIEWING.contains(&tree.words[v].word.lemma.to_lowercase().as_str())
            })
    });
    (tree.topic_of_a_step((tr.ts, tr.te)) || answered || reviewed)
        .then(|| tree.head_of(tr.ts, tr.te))
        .flatten()
}

/// Whether a time is of a verb still to come and the act a noun in its clause ("a petition
/// filed by his family will be heard on 20 August"): the day of what will be done to the
/// thing, not of the thing, which is there before it.
fn dates_what_is_to_come(tree: &crate::grammar::Tree, span: (usize, usize), tr: &Trigger) -> bool {
    let Some(verb) = tree.head_of(span.0, span.1).and_then(|t| tree.head(t)) else {
        return false;
    };
    tree.has_child(verb, "aux", &["will", "shall", "'ll", "wo"])
        && tr.spans().all(|(s, e)| {
            tree.head_of(s, e)
                .is_some_and(|w| w != verb && tree.words[w].word.upos == "NOUN")
        })
}

/// Whether the words naming an act name its refusal ("refused access", "denied access",
/// "without access to lawyers"): the act was not done, whatever governs the words.
fn names_its_refusal(words: &str) -> bool {
    let first = words.split_whitespace().next().unwrap_or("").to_lowercase();
    matches!(first.as_str(), "refused" | "denied" | "without")
}

/// How the sentence puts the act. The words that govern the trigger come first, read in the
/// clause right before it: a negation ("did not", "was never") makes it negated; "threatened
/// to", "threats of" threatened; "at risk of", "fears of", "could face" feared; "demands",
/// "called for" demanded; "to prevent", "if", "could" hypothetical. Then the sentence: a
/// denial, or words that attribute it ("allegedly", "according to").
fn modality_of(st: &str, trigger: usize, a: &ActType) -> Modality {
    static ALLEGED: OnceLock<Regex> = OnceLock::new();
    static DENIED: OnceLock<Regex> = OnceLock::new();
    let alleged = re(
        &ALLEGED,
        r"(?i)\b(?:alleged(?:ly)?|alleges?|alleging|reportedly|claim(?:ed|s)?|accused of|according to|said to)\b",
    );
    let denied = re(
        &DENIED,
        r"(?i)\b(?:denied|denies|deny|no evidence|false information|made up)\b",
    );
    if let Some(m) = governing_modality(&st[..trigger]) {
        return m;
    }
    // "denied access to a lawyer" refuses access, and denies no act of the sentence
    static REFUSED: OnceLock<Regex> = OnceLock::new();
    let refused = re(
        &REFUSED,
        r"(?i)\b(?:denied|denies|deny)\s+(?:(?:him|her|them|the \w+)\s+)?(?:access|entry|bail|parole|visits|(?:a\s+)?visas?|permission|medical\s+care|treatment)\b",
    );
    // a denial denies what it goes before ("Officials denied that he was tortured"), not an
    // act told ahead of words that only name an offence ("ordered his arrest on charges of
    // spreading “false information”")
    let before = refused.replace_all(&st[..trigger], "");
    let st = refused.replace_all(st, "");
    let st = st.as_ref();
    if denied.is_match(&before) && a.violation {
        Modality::Denied
    } else if alleged.is_match(st) {
        Modality::Alleged
    } else {
        Modality::Asserted
    }
}

/// The modality the words right before a trigger give it (its clause, up to 100 bytes back).
fn governing_modality(before: &str) -> Option<Modality> {
    static CUES: OnceLock<Vec<(Regex, Modality)>> = OnceLock::new();
    let cues = CUES.get_or_init(|| {
        let cue = |p: &str, m| (Regex::new(&format!("(?i){p}")).expect("valid regex"), m);
        vec![
            // a negation within three words of the trigger
            cue(
                r"\b(?:not|never|n't|no one was|none were)\s+(?:\w+\s+){0,2}$",
                Modality::Negated,
            ),
            cue(
                r"\b(?:threat(?:s|ened|ening)?|threaten(?:s|ed|ing)?)\s+(?:of|to|with)\b(?:\s+\S+){0,4}\s*$",
                Modality::Threatened,
            ),
            cue(
                r"\b(?:at risk of|risk of|risks|fears? of|feared|fearing|danger of|in danger of|could face|may face|might face|faces? (?:possible |potential )?)(?:\s+\S+){0,4}\s*$",
                Modality::Feared,
            ),
            // what one is spared or protected from, where the parse loses the phrase ("sparing
            // five of the convicted individuals from execution")
            cue(
                r"\b(?:spar(?:e|es|ed|ing)|protect(?:s|ed|ing)?|shield(?:s|ed|ing)?|sav(?:e|es|ed|ing))\b(?:\s+\S+){0,8}\s+from\s*$",
                Modality::Feared,
            ),
            // what one fears was done ("her family fears she is being held incommunicado and
            // tortured"), where the parse reads "fears" as a noun
            cue(
                r"\b(?:fears?|feared)\s+(?:that\s+)?(?:he|she|they|it|the|his|her|their)\b(?:\s+\S+){0,7}\s*$",
                Modality::Feared,
            ),
            cue(
                r"\b(?:demand(?:s|ed|ing)?|call(?:s|ed|ing)? for|urg(?:e|es|ed|ing)|appeal(?:s|ed)? for|ask(?:s|ed)? for)\b(?:\s+\S+){0,12}\s*$",
                Modality::Demanded,
            ),
            cue(
                // "may" in lower case: "in May 2024 he was arrested" names a month
                r"\b(?:to prevent|prevent(?:s|ed|ing)?|if|whether|could|would|might|(?-i:may)|to perform|in order to)\b(?:\s+\S+){0,3}\s*$",
                Modality::Hypothetical,
            ),
        ]
    });
    let mut from = before.len().saturating_sub(100);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let window = &before[from..];
    // the trigger's own clause: after the last clause break
    let clause = window
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ',' | ';' | ':' | '(' | '—'))
        .map(|(i, c)| &window[i + c.len_utf8()..])
        .unwrap_or(window);
    cues.iter()
        .find(|(rx, _)| rx.is_match(clause))
        .map(|&(_, m)| m)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words that govern a trigger give the act its modality; a threat is not a deed.
    #[test]
    fn modality_from_the_words_that_govern_the_act() {
        let cases = [
            (
                "Kadyrov threatened to kill the two men.",
                "kill",
                Modality::Threatened,
            ),
            (
                "The men are at risk of honour killings.",
                "killings",
                Modality::Feared,
            ),
            (
                "Rights groups demand the release and an end to the torture of the men.",
                "torture",
                Modality::Demanded,
            ),
            ("Police did not arrest anyone.", "arrest", Modality::Negated),
            (
                "The group acted to prevent the killing of the men.",
                "killing",
                Modality::Hypothetical,
            ),
            (
                "Officials denied that the men were tortured.",
                "tortured",
                Modality::Denied,
            ),
            (
                "The men were allegedly tortured by police.",
                "tortured",
                Modality::Alleged,
            ),
            (
                "Police arrested the two men on Monday.",
                "arrested",
                Modality::Asserted,
            ),
            // a refusal of access denies no act of its sentence
            (
                "He had been denied access to a lawyer for two weeks after his arrest.",
                "arrest",
                Modality::Asserted,
            ),
            // nor a refusal of entry, bail or a visa
            (
                "She was denied entry to Russia at the airport and deported.",
                "deported",
                Modality::Asserted,
            ),
            (
                "Family alleges torture in the prison.",
                "torture",
                Modality::Alleged,
            ),
            (
                "Her family fears she is being held incommunicado and tortured.",
                "tortured",
                Modality::Feared,
            ),
            (
                "The sons pardoned the killers, sparing five of the convicted individuals from execution.",
                "execution",
                Modality::Feared,
            ),
            // the month is no modal verb
            (
                "On May 5 police arrested the two men.",
                "arrested",
                Modality::Asserted,
            ),
            (
                "He may be arrested on his return.",
                "arrested",
                Modality::Hypothetical,
            ),
            // words of denial after the act name what it is for
            (
                "A court ordered his arrest on charges of spreading “false information”.",
                "arrest",
                Modality::Asserted,
            ),
        ];
        let vocabulary = |w: &str| act(w.parse().expect("an act"));
        for (sentence, trigger, want) in cases {
            let at = sentence
                .find(trigger)
                .expect("the trigger is in the sentence");
            let act = match trigger {
                "kill" | "killings" | "killing" | "execution" => vocabulary("killing"),
                "arrest" | "arrested" => vocabulary("arrest"),
                _ => vocabulary("torture"),
            };
            assert_eq!(
                modality_of(sentence, at, act),
                want,
                "{trigger} in “{sentence}”"
            );
        }
    }
    use crate::{names, text::sentences, timex};

    /// Roles from the grammar: (sentence, name, the role it must have, or None for none).
    #[test]
    fn roles_follow_the_grammar_not_the_nearness_of_words() {
        let cases: &[(&str, &str, Option<ParticipantRole>)] = &[
            // the passive's agent did it; the subject underwent it
            (
                "Oleg Marchenko was beaten by Ivan Dorn in Port Aster.",
                "Ivan Dorn",
                Some(ParticipantRole::Perpetrator),
            ),
            (
                "Oleg Marchenko was beaten by Ivan Dorn in Port Aster.",
                "Oleg Marchenko",
                Some(ParticipantRole::Victim),
            ),
            // the active subject did it; the object underwent it
            (
                "Ivan Dorn killed Oleg Marchenko in Port Aster.",
                "Ivan Dorn",
                Some(ParticipantRole::Perpetrator),
            ),
            (
                "Ivan Dorn killed Oleg Marchenko in Port Aster.",
                "Oleg Marchenko",
                Some(ParticipantRole::Victim),
            ),
            // a body that charges or tries someone takes a step, it does no wrong
            (
                "Austrian prosecutors on Friday charged Oleg Marchenko.",
                "Austrian prosecutors",
                Some(ParticipantRole::Agent),
            ),
            (
                "Oleg Marchenko was charged by Austrian prosecutors on Friday.",
                "Austrian prosecutors",
                Some(ParticipantRole::Agent),
            ),
            // who tells it is not who did it
            (
                "According to the Kestrel Police, Oleg Marchenko was killed by a neighbour.",
                "Kestrel Police",
                None,
            ),
            // whose relative it befell takes no part in it
            (
                "Oleg Marchenko's brother, who was also arrested in 2015, was released in 2017.",
                "Oleg Marchenko",
                None,
            ),
            // the one the grammar says it befell, whoever tells it
            (
                "According to his lawyer, Oleg Marchenko was beaten by riot police.",
                "Oleg Marchenko",
                Some(ParticipantRole::Victim),
            ),
            // the name the parse hangs on the noun before a passive verb with no subject
            (
                "On 23 January, five days after the killing, reporter Marta Kell was shot dead in her car.",
                "Marta Kell",
                Some(ParticipantRole::Victim),
            ),
            (
                "According to the editor, Marta Kell, the men were beaten.",
                "Marta Kell",
                Some(ParticipantRole::Source),
            ),
            // named beside the act, tied to another verb: no role is invented
            (
                "Anna Roe, who met Oleg Marchenko in May, learned that he had been arrested.",
                "Anna Roe",
                Some(ParticipantRole::Other),
            ),
            // those who flee undergo it
            (
                "Oleg Marchenko fled to Port Aster.",
                "Oleg Marchenko",
                Some(ParticipantRole::Victim),
            ),
            // a name before an appeal is not its doer unless the grammar says so
            (
                "Oleg Marchenko: his wife appeals directly to the president for help",
                "Oleg Marchenko",
                Some(ParticipantRole::Other),
            ),
            (
                "Anna Roe appealed to the court in Port Aster.",
                "Anna Roe",
                Some(ParticipantRole::Agent),
            ),
            // whom an appeal is addressed to: the object of "urged", the "to" of "appealed to",
            // the "on" of "called on", and a name joined to it; not a name of what is asked for
            (
                "The Harbour Rights Network urged the Ministry of Justice on Tuesday to investigate the death of the cameraman Oleg Marchenko.",
                "Ministry of Justice",
                Some(ParticipantRole::Addressee),
            ),
            (
                "The Harbour Rights Network urged the Ministry of Justice on Tuesday to investigate the death of the cameraman Oleg Marchenko.",
                "Oleg Marchenko",
                Some(ParticipantRole::Other),
            ),
            (
                "His wife appealed to Anna Roe for help.",
                "Anna Roe",
                Some(ParticipantRole::Addressee),
            ),
            // the agent of a verb that only says the act was done, in the passive
            (
                "The killing of Oleg Marchenko was carried out by Ivan Dorn.",
                "Ivan Dorn",
                Some(ParticipantRole::Perpetrator),
            ),
            // "it" in what a body says is the body
            (
                "The Harbour Rights Network said it had opened an investigation into the deaths.",
                "Harbour Rights Network",
                Some(ParticipantRole::Agent),
            ),
            (
                "The network called on Anna Roe and Irina Volkova to release him.",
                "Irina Volkova",
                Some(ParticipantRole::Addressee),
            ),
            // the one who died in custody underwent it
            (
                "Oleg Marchenko died in police custody in Port Aster.",
                "Oleg Marchenko",
                Some(ParticipantRole::Victim),
            ),
            (
                "Oleg Marchenko died in a pre-trial detention centre in Port Aster.",
                "Oleg Marchenko",
                Some(ParticipantRole::Victim),
            ),
            // a name right after a noun for a person is that noun's apposition, wherever the
            // parse hangs it
            (
                "Plainclothes men abducted the journalist Imran Shah from his home.",
                "Imran Shah",
                Some(ParticipantRole::Victim),
            ),
            (
                "Gunmen on a motorcycle shot dead the environmental activist Juan López outside his home in Tocoa on Wednesday, police said.",
                "Juan López",
                Some(ParticipantRole::Victim),
            ),
            // or set off by commas after it
            (
                "The case concerned the abduction of the applicant's son, Ruslan Magomedov, by armed men in camouflage uniforms in Grozny on 5 March 2003.",
                "Ruslan Magomedov",
                Some(ParticipantRole::Victim),
            ),
            // who is taken along with the one named undergoes it too
            (
                "Police detained Ales Bialiatski along with his deputy Valiantsin Stefanovich.",
                "Valiantsin Stefanovich",
                Some(ParticipantRole::Victim),
            ),
            (
                "Oleg Marchenko was arrested in Port Aster together with Ivan Dorn.",
                "Ivan Dorn",
                Some(ParticipantRole::Victim),
            ),
            (
                "Together with Pavel Ostrov, Ivan Dorn detained Oleg Marchenko on Monday.",
                "Pavel Ostrov",
                Some(ParticipantRole::Perpetrator),
            ),
            // a relative clause after a person's noun "of" another person may be said of either:
            // of neither
            (
                "Anna Kell, the mother of lawyer Ivan Dorn, who was abducted from her flat, spoke.",
                "Ivan Dorn",
                Some(ParticipantRole::Other),
            ),
            // a relative clause on a noun in apposition to the name tells of the name
            (
                "Imran Shah, the journalist who went missing on 9 July, spoke to reporters.",
                "Imran Shah",
                Some(ParticipantRole::Victim),
            ),
            // the one who says it on a network makes the statement
            (
                "Ivan Dorn added on Twitter that he was deeply troubled.",
                "Ivan Dorn",
                Some(ParticipantRole::Agent),
            ),

        ];
        for (text, name, want) in cases {
            let (m, _, ev) = read(text);
            assert!(!ev.is_empty(), "{text}: no act found");
            let got = ev[0]
                .participants
                .iter()
                .find(|p| m[p.mention].text == *name)
                .map(|p| p.role);
            assert_eq!(got, *want, "{name} in {text:?}");
        }
    }

    /// A name joined by "and" after a name inside a noun's phrase is that name's conjunct, not
    /// the noun's, whatever the parse says: the victims of the murder are not the convicted.
    #[test]
    fn a_name_joined_by_and_joins_the_nearer_name() {
        let text = "A court on Tuesday convicted two men of the 2018 murder of investigative \
                    journalist Viktor Hora and his fiancée Eva Malik.";
        let (m, _, ev) = read(text);
        let roles: Vec<_> = ev
            .iter()
            .flat_map(|e| e.participants.iter().map(move |p| (e.kind, p)))
            .filter(|(_, p)| m[p.mention].text == "Eva Malik")
            .map(|(k, p)| (k, p.role))
            .collect();
        assert!(
            !roles.iter().any(|&(_, r)| r == ParticipantRole::Accused),
            "{roles:?}"
        );
    }

    /// "He" or "she" stands for the one person named before it in its sentence, not for one who
    /// acts for another, nor for the act's other party; with two people named, for no one.
    #[test]
    fn a_pronoun_stands_for_the_one_person_named_before_it() {
        for (text, name, want) in [
            (
                "The family of Oleg Marchenko says he was arrested by police on Monday.",
                "Oleg Marchenko",
                Some(ParticipantRole::Victim),
            ),
            (
                "Oleg Marchenko told reporters that guards had beaten him in the cell.",
                "Oleg Marchenko",
                None,
            ),
            (
                "The activist Anna Kell said he had been beaten by guards in the cell.",
                "Anna Kell",
                None,
            ),
            (
                "His lawyer, Anna Kell, said he was beaten by guards on Monday.",
                "Anna Kell",
                None,
            ),
            (
                "Ivan Dorn beat him in the cell on Monday.",
                "Ivan Dorn",
                None,
            ),
            (
                "Anna Kell said police beat her son and detained him on Monday.",
                "Anna Kell",
                None,
            ),
            (
                "The family of Ivan Dorn, a journalist, says police detained him on Monday.",
                "Ivan Dorn",
                Some(ParticipantRole::Victim),
            ),
            (
                "The family of Ivan Dorn, 38, an activist of the party, says he was detained.",
                "Ivan Dorn",
                Some(ParticipantRole::Victim),
            ),
            (
                "Ivan Dorn and Oleg Marchenko said he was beaten in the cell.",
                "Oleg Marchenko",
                None,
            ),
        ] {
            let (m, _, ev) = read(text);
            assert!(!ev.is_empty(), "{text}: no act found");
            let undergoes = ev[0]
                .participants
                .iter()
                .filter(|p| m[p.mention].text == name)
                .map(|p| p.role)
                .find(|r| matches!(r, ParticipantRole::Victim | ParticipantRole::Accused));
            assert_eq!(undergoes, want, "{name} in {text:?}");
        }
    }

    /// With no one named before it in its sentence, "he" or "she" stands for the one person the
    /// sentence before, in its paragraph, is about: its subject, the only person it names; not
    /// across a paragraph, nor when that sentence names two people or is about no one named,
    /// nor past a noun for another person ("His lawyer").
    #[test]
    fn a_pronoun_stands_for_the_person_the_sentence_before_is_about() {
        for (text, want) in [
            (
                "Oleg Marchenko, 40, was arrested in May. In June, a court sentenced him to five years.",
                Some(ParticipantRole::Accused),
            ),
            (
                "Oleg Marchenko, 40, was arrested in May.\n\nIn June, a court sentenced him to five years.",
                None,
            ),
            (
                "Oleg Marchenko met Ivan Dorn in May. In June, a court sentenced him to five years.",
                None,
            ),
            (
                "Police said Oleg Marchenko had fled in May. In June, a court sentenced him to five years.",
                None,
            ),
            (
                "Oleg Marchenko was arrested in May. His lawyer said police beat him in June.",
                None,
            ),
        ] {
            let (m, _, ev) = read(text);
            let last = ev.last().expect(text);
            let undergoes = last
                .participants
                .iter()
                .filter(|p| m[p.mention].text == "Oleg Marchenko")
                .map(|p| p.role)
                .find(|r| matches!(r, ParticipantRole::Victim | ParticipantRole::Accused));
            assert_eq!(undergoes, want, "{text:?}");
        }
    }

    /// A name inside a quotation plays the role the quoted grammar gives it; one the act's
    /// words do not tie is someone the speaker cites.
    #[test]
    fn names_inside_a_quotation_keep_their_grammar() {
        for (text, name, want) in [
            (
                "“As planned in advance, the victim Oleg Marchenko was choked to death,” the statement said.",
                "Oleg Marchenko",
                ParticipantRole::Victim,
            ),
            (
                "“Oleg Marchenko was beaten by Ivan Dorn in the cell,” his lawyer said.",
                "Ivan Dorn",
                ParticipantRole::Perpetrator,
            ),
            (
                "“As Anna Roe told us, he was beaten in the cell,” his lawyer said.",
                "Anna Roe",
                ParticipantRole::Source,
            ),
        ] {
            let (m, _, ev) = read_quoting(text, true);
            assert!(!ev.is_empty(), "{text}: no act found");
            let got = ev[0]
                .participants
                .iter()
                .find(|p| m[p.mention].text == name)
                .map(|p| p.role);
            assert_eq!(got, Some(want), "{name} in {text:?}");
        }
    }

    /// A word of responding is a statement only on a verb of speech, and then the speaker
    /// makes it; on another act's verb it is that act's, and on no verb of speech no statement.
    #[test]
    fn a_response_is_a_statement_on_a_verb_of_speech() {
        for (text, want) in [
            (
                "Responding to the sentence, Mary Lawlor said the trial was unfair.",
                vec!["trial", "public-statement"],
            ),
            (
                "In response to the verdict against Ales Bialiatski, the European Union called for his release.",
                vec!["trial", "petition"],
            ),
            ("Police responded to the march with tear gas.", vec![]),
            (
                "The ministry did not respond to requests for comment.",
                vec![],
            ),
        ] {
            assert_eq!(kinds_of(text), want, "{text}");
        }
        let text = "Responding to the sentence, Mary Lawlor said the trial was unfair.";
        let (m, _, ev) = read(text);
        let roles: Vec<(&str, ParticipantRole)> = ev[1]
            .participants
            .iter()
            .map(|p| (m[p.mention].text.as_str(), p.role))
            .collect();
        assert_eq!(roles, [("Mary Lawlor", ParticipantRole::Agent)]);
    }

    /// Read a report of the given day: its names, times and acts.
    fn read_of(
        text: &str,
        (y, mo, day): (i32, u32, u32),
    ) -> (Vec<Mention>, Vec<Timex>, Vec<EventMention>) {
        let mut d = crate::test_doc(text);
        d.published = Some(casefile_model::DateValue::day(
            chrono::NaiveDate::from_ymd_opt(y, mo, day).unwrap(),
        ));
        let s = sentences(text);
        let m = names::find(&d, &s);
        let (t, _) = timex::find(&d, None);
        let ev = find(&d, &s, &m, &t, &[]);
        (m, t, ev)
    }

    #[test]
    fn events_with_participants_time_and_context() {
        let text = "On March 3 the police raided the flat. Oleg Marchenko was detained by Kestrel police in Port Aster last Thursday. He was allegedly tortured.";
        let (m, t, ev) = read_of(text, (2024, 3, 11));
        let kinds: Vec<&str> = ev.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, vec!["raid", "arrest", "torture"]);
        let arrest = &ev[1];
        assert_eq!(
            t[arrest.time.unwrap()].value.as_ref().unwrap().value,
            "2024-03-07"
        );
        assert!(arrest
            .participants
            .iter()
            .any(|p| m[p.mention].text == "Oleg Marchenko" && p.role == ParticipantRole::Victim));
        assert_eq!(ev[2].modality, Modality::Alleged);
        assert!(ev[2].time_from_context);
    }

    /// A time counted on from another dates the act it is told with, whichever verb the parse
    /// hangs the other on.
    #[test]
    fn a_time_counted_on_dates_its_act() {
        let text = "Oleg Marchenko was detained on 3 October and transferred to the removal centre two days later.";
        let day = |kind: &str| day_of(text, (2024, 10, 10), kind);
        assert_eq!(day("arrest").as_deref(), Some("2024-10-03"));
        assert_eq!(day("forced-return").as_deref(), Some("2024-10-05"));
    }

    /// The day the first act of `kind` in `text`, reported on `today`, is dated to.
    fn day_of(text: &str, today: (i32, u32, u32), kind: &str) -> Option<String> {
        let (_, t, ev) = read_of(text, today);
        ev.iter()
            .find(|e| e.kind.as_str() == kind)
            .and_then(|e| e.time)
            .and_then(|i| t[i].value.as_ref())
            .map(|v| v.value.clone())
    }

    /// The day of an act from the grammar: (the report's day, text, kind of act, the day it
    /// must have, or None). The time of a participle of doing on an act's noun dates the act,
    /// not the time of the verb the noun is in; a participle of another step taken on it does
    /// not. An act that is only what another step is about is not of that step's day, nor a
    /// request of the day it is answered. The narrative's day is the day of the people its act
    /// was done to: an act done to others only does not take it; one done to them, or after a
    /// part of the day, does. A verb joined by "and" and told as coming later does not share
    /// the first verb's time. A time on a noun naming another act is that act's. A day of what
    /// is still to come dates no thing named in its clause: the petition the court will hear on
    /// a day was filed before it.
    #[test]
    fn days_from_the_grammar() {
        type Case<'a> = ((i32, u32, u32), &'a str, &'a str, Option<&'a str>);
        let cases: &[Case] = &[
            (
                (2025, 11, 21),
                "The court on 20 November rejected an appeal filed by his lawyers on 2 September.",
                "petition",
                Some("2025-09-02"),
            ),
            (
                (2025, 11, 21),
                "His lawyers said the sentence upheld on 20 November was unjust.",
                "trial",
                None,
            ),
            (
                (2022, 9, 14),
                "The court rejected his appeal against extradition on September 5.",
                "forced-return",
                None,
            ),
            // an act named as the point another is timed from is not of its day; the act
            // told after it, of the same kind, is
            (
                (2022, 1, 25),
                "On 23 January, five days after the killing, reporter Marta Kell was shot dead in her car.",
                "killing",
                Some("2022-01-23"),
            ),
            (
                (2022, 1, 25),
                "He was released on Monday, after the trial.",
                "trial",
                None,
            ),
            // a court's day dates no act done to someone told after it; an act's day does
            (
                (2022, 12, 14),
                "On 3 November, a court convicted Oleg Marchenko of murder. According to a source, he was tortured in detention.",
                "torture",
                None,
            ),
            (
                (2022, 12, 14),
                "On 3 November, police detained Oleg Marchenko. According to a source, he was tortured in detention.",
                "torture",
                Some("2022-11-03"),
            ),
            // the day a request is answered is not the day it was made
            (
                (2022, 9, 14),
                "The court rejected his appeal against extradition on September 5.",
                "petition",
                None,
            ),
            (
                (2022, 9, 14),
                "His lawyers filed an appeal against extradition on September 5.",
                "petition",
                Some("2022-09-05"),
            ),
            (
                (2024, 3, 3),
                "Oleg Marchenko was detained on 12 May 2019. Anna Kell was sentenced to three years.",
                "trial",
                None,
            ),
            (
                (2024, 3, 3),
                "Oleg Marchenko was detained on 12 May 2019. Marchenko was sentenced to three years.",
                "trial",
                Some("2019-05-12"),
            ),
            (
                (2024, 3, 3),
                "Oleg Marchenko was detained on 12 May 2019. Early in the morning, guards beat \
                 Anna Kell. Anna Kell was beaten again.",
                "ill-treatment",
                Some("2019-05-12"),
            ),
            (
                (2024, 3, 3),
                "Oleg Marchenko was detained in 2019 and later released.",
                "arrest",
                Some("2019"),
            ),
            (
                (2024, 3, 3),
                "Oleg Marchenko was detained in 2019 and later released.",
                "release",
                None,
            ),
            (
                (2023, 5, 9),
                "The court convicted Ivan Dorn of the 2018 murder of Oleg Marchenko.",
                "trial",
                None,
            ),
            (
                (2023, 5, 9),
                "The court convicted Ivan Dorn of the 2018 murder of Oleg Marchenko.",
                "killing",
                Some("2018"),
            ),
            // (also a time inside the phrase of the act the conviction is of)
            (
                (2023, 5, 9),
                "A court in Marevo has convicted seven men of the murder of the environmental activist Oleg Marchenko in March 2016.",
                "trial",
                None,
            ),
            (
                (2023, 5, 9),
                "A court in Marevo has convicted seven men of the murder of the environmental activist Oleg Marchenko in March 2016.",
                "killing",
                Some("2016-03"),
            ),
            // the narrative's day is not that of an act done to others than anyone named
            (
                (2024, 7, 5),
                "Oleg Marchenko was arrested in Marevo in August 2023. His father and sister were beaten too.",
                "ill-treatment",
                None,
            ),
            // a verb told as lasting a span of its own does not take the time of one joined
            // after it
            (
                (2022, 5, 12),
                "His wife searched for Oleg Marchenko for months and died in May 2021.",
                "search",
                None,
            ),
            // the day of a sentence is not that of the charges it is passed on
            (
                (2023, 3, 3),
                "A court in Minsk on Friday sentenced Oleg Marchenko to 10 years in prison on charges of smuggling.",
                "criminal-charge",
                None,
            ),
            // a year that is a word of a name dates no act
            (
                (2023, 3, 3),
                "Police in Minsk arrested Oleg Marchenko, the co-winner of the 2022 Nobel Peace Prize.",
                "arrest",
                None,
            ),
            (
                (2023, 3, 3),
                "Police in Minsk arrested Oleg Marchenko, the co-winner of the 2022 Nobel Peace Prize, on Friday.",
                "arrest",
                Some("2023-03-03"),
            ),
            // what an anniversary remembers was years before the day it is marked
            (
                (2024, 3, 13),
                "Activists marked the anniversary of the killing of Oleg Marchenko on Monday.",
                "killing",
                None,
            ),
            // the day of a charge is not the day of the act charged with
            (
                (2017, 12, 8),
                "The men were charged on Tuesday with the murder of the journalist Oleg Marchenko.",
                "killing",
                None,
            ),
            (
                (2017, 12, 8),
                "The men were charged on Tuesday with the murder of the journalist Oleg Marchenko.",
                "criminal-charge",
                Some("2017-12-05"),
            ),
            (
                (2024, 8, 14),
                "A habeas corpus petition filed by his family will be heard by the High Court on 20 August.",
                "petition",
                None,
            ),
            (
                (2024, 8, 14),
                "A habeas corpus petition filed by his family was heard by the High Court on 12 August.",
                "petition",
                Some("2024-08-12"),
            ),
        ];
        for &(today, text, kind, want) in cases {
            assert_eq!(
                day_of(text, today, kind).as_deref(),
                want,
                "{kind} in {text}"
            );
        }
    }

    /// Searching premises is a raid; searching a forest for remains is a search, no violation;
    /// vanishing is a disappearance; returning home is no forced return.
    #[test]
    fn a_search_is_a_raid_only_of_premises() {
        for (text, want) in [
            ("The police searched their apartment in Port Aster.", "raid"),
            (
                "The police searched a forest near Port Aster for his remains.",
                "search",
            ),
            ("Investigators looked for clues in Port Aster.", "search"),
            // and someone who vanished has disappeared
            (
                "Oleg Marchenko vanished on October 2 in Port Aster.",
                "disappearance",
            ),
            // "beat" is ill-treatment when it beats someone
            (
                "Guards beat Pavel Ostrov in his cell on Monday.",
                "ill-treatment",
            ),
            ("Police beat protesters with batons.", "ill-treatment"),
            ("Pavel Ostrov beat the mayor in the election.", ""),
            // an attack is of someone, and done, not words nor what one is charged with
            (
                "Unknown assailants stabbed the activist Oleg Marchenko outside his home.",
                "attack",
            ),
            (
                "The lawyer and the journalist were attacked by armed men in Port Aster.",
                "attack",
            ),
            ("The journalist was poisoned with a nerve agent.", "attack"),
            ("Ivan Dorn attacked the journalist in a speech.", ""),
            ("The report documents attacks on civil society.", ""),
            ("She was found guilty of assaulting Oleg Marchenko.", ""),
            ("Protesters attacked the police station in Port Aster.", ""),
            // a vow to harm is a threat; a vow to do anything else is none
            (
                "Ramzan Kadyrov vowed on Sunday to destroy the family of Tumso Abdurakhmanov.",
                "threat",
            ),
            ("The opposition leader vowed to fight on.", ""),
            // who returns goes back; who is returned is sent back
            ("Imran Shah returned home on Thursday.", ""),
            ("Imran Shah has returned to Port Aster.", ""),
            (
                "The two men were returned to Chechnya in February.",
                "forced-return",
            ),
            // someone taken from home, or forced into a car, is abducted
            (
                "Officers took him from his home in Port Aster on 12 March.",
                "abduction",
            ),
            (
                "Four men in plain clothes forced his son Oleg into a car outside their apartment.",
                "abduction",
            ),
        ] {
            let want: Vec<&str> = [want].into_iter().filter(|w| !w.is_empty()).collect();
            assert_eq!(kinds_of(text), want, "{text}");
        }
    }

    /// The names, times and tellings of acts read in `text` (a report with no date).
    fn read(text: &str) -> (Vec<Mention>, Vec<Timex>, Vec<EventMention>) {
        read_quoting(text, false)
    }

    /// [`read`], telling the finder the text's quotations when `quoted`.
    fn read_quoting(text: &str, quoted: bool) -> (Vec<Mention>, Vec<Timex>, Vec<EventMention>) {
        let d = crate::test_doc(text);
        let s = sentences(text);
        let m = names::find(&d, &s);
        let (t, _) = timex::find(&d, None);
        let quotes = if quoted {
            crate::quotes::find_spans(&d)
        } else {
            Vec::new()
        };
        let ev = find(&d, &s, &m, &t, &quotes);
        (m, t, ev)
    }

    /// One act told again in a clause of its own, with its own subject and time, is another
    /// telling, with its own victim and day; with no time of its own, it is not split off.
    #[test]
    fn an_act_in_a_clause_of_its_own_is_another_telling() {
        for (text, want) in [
            (
                "Oleg Marchenko was hanged on 8 December, and Pavel Ostrov was hanged in Marevo on 12 December.",
                vec![("Oleg Marchenko", "8 December"), ("Pavel Ostrov", "12 December")],
            ),
            (
                "Oleg Marchenko was hanged on 8 December, and Pavel Ostrov was hanged too.",
                vec![("Oleg Marchenko", "8 December")],
            ),
        ] {
            let (m, t, ev) = read(text);
            let got: Vec<(&str, &str)> = ev
                .iter()
                .filter(|e| e.kind.as_str() == "killing")
                .map(|e| {
                    let victim = e
                        .participants
                        .iter()
                        .find(|p| p.role == ParticipantRole::Victim)
                        .map_or("", |p| m[p.mention].text.as_str());
                    (victim, e.time.map_or("", |i| t[i].text.as_str()))
                })
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }

    /// The act types read in `text`, in order.
    fn kinds_of(text: &str) -> Vec<String> {
        read(text)
            .2
            .into_iter()
            .map(|e| e.kind.to_string())
            .collect()
    }

    /// A body named right before the noun of its step takes it ("an independent UN probe"); an
    /// outlet's investigation is its reporting, no step in the case.
    #[test]
    fn a_body_named_before_its_step_takes_it() {
        for (text, name, want) in [
            (
                "They included a forensic doctor, according to an independent UN probe.",
                "UN",
                Some(ParticipantRole::Agent),
            ),
            (
                "A Reuters investigation found that the men were held in Grozny.",
                "Reuters",
                None,
            ),
        ] {
            let (m, _, ev) = read(text);
            let step = ev
                .iter()
                .find(|e| e.kind == ActKind::Investigation)
                .expect(text);
            let got = step
                .participants
                .iter()
                .find(|p| m[p.mention].text == name)
                .map(|p| p.role);
            assert_eq!(got, want, "{name} in {text}");
        }
    }

    /// A denial is its denier's statement, told as made ("denied" names no refusal of it), on
    /// no day of the narrative when told as made earlier ("initially").
    #[test]
    fn a_denial_is_a_statement_made() {
        let text = "Ivan Petrov on Friday demanded the release of Anna Roe.\n\nThe ministry has \
                    presented shifting stories, initially denying any knowledge.\n\nOfficials \
                    denied the allegations.";
        let (_, _, ev) = read(text);
        let got: Vec<(Modality, bool)> = ev
            .iter()
            .filter(|e| e.kind == ActKind::PublicStatement)
            .map(|e| (e.modality, e.time.is_some()))
            .collect();
        assert_eq!(
            got,
            // (the last told in the narrative, on Friday)
            vec![(Modality::Asserted, false), (Modality::Asserted, true)]
        );
    }

    /// Access refused is access not given: negated, whatever else the sentence says.
    #[test]
    fn access_refused_is_not_given() {
        for (text, want) in [
            (
                "The men were refused access to a lawyer in Marevo.",
                Modality::Negated,
            ),
            (
                "Oleg Marchenko was held without access to lawyers.",
                Modality::Negated,
            ),
            ("Police denied access to his lawyers.", Modality::Negated),
            (
                "His lawyers were finally allowed access to Oleg Marchenko.",
                Modality::Asserted,
            ),
        ] {
            let (_, _, ev) = read(text);
            let access = ev
                .iter()
                .find(|e| e.kind == ActKind::AccessToCounsel)
                .expect(text);
            assert_eq!(access.modality, want, "{text}");
        }
    }

    /// Words that name a kind of act state no happening; an act told of someone, or feared,
    /// is still read.
    #[test]
    fn a_kind_of_act_is_no_act() {
        for (text, want) in [
            (
                "Rights groups have for years documented abuses including abductions, torture and extrajudicial killings.",
                vec![],
            ),
            ("Police detained Oleg Marchenko in Port Aster on March 3.", vec!["arrest"]),
            // a word that only begins like an act's word is not it
            ("The navy fleet guarded freedom of the seas in Port Aster.", vec![]),
            // a word for the one who does an act names a person, not the act
            ("The president described Oleg Marchenko as a murderer.", vec![]),
            ("The petitioners met the minister in Port Aster.", vec![]),
            ("Oleg Marchenko was murdered in Port Aster.", vec!["killing"]),
            (
                "The network said Oleg Marchenko is at risk of honour killings.",
                vec!["killing"],
            ),
            // a danger one is in is no threat anyone made
            ("The network said the two men were in mortal danger.", vec![]),
            // questions put to people are an act; doubting a thing is none
            (
                "Prosecutors questioned employees of the consulate on Friday.",
                vec!["questioning"],
            ),
            ("He was detained and questioned by the police.", vec!["arrest", "questioning"]),
            ("Rights groups questioned the independence of the court.", vec![]),
            // diplomats sent out are an expulsion; a pupil sent from school is none of the case's
            (
                "Germany expelled two Russian diplomats on Wednesday.",
                vec!["expulsion"],
            ),
            ("Two diplomats were expelled in December.", vec!["expulsion"]),
            ("Oleg Marchenko was expelled from school in 2001.", vec![]),
            // a gathering held is no one detained
            (
                "The hearing was held behind closed doors in Marevo.",
                vec![],
            ),
            ("Oleg Marchenko was held in Marevo.", vec!["detention"]),
            // asking for comment asks for words, not for an act
            (
                "The ministry did not respond to a request for comment on Monday.",
                vec![],
            ),
            ("The network requested a meeting with the minister.", vec!["petition"]),
            // what an act punished is the person's own doing, no step about the case
            (
                "Oleg Marchenko should never have been detained in the first place, let alone put on trial, for campaigning for the right to drive.",
                vec!["arrest"],
            ),
            // a confession demanded of someone is the coercion, no petition
            (
                "They demanded that Oleg Marchenko sign a confession.",
                vec!["coerced-statement"],
            ),
            ("They beat him for two days in Port Aster.", vec!["ill-treatment"]),
            ("Observers questioned whether the court was independent.", vec![]),
            // a killing told with its victim inside its words
            ("They tortured him to death in Port Aster.", vec!["killing"]),
            // what another act is said to include, naming no one, is part of it; one that
            // names its victim is an act of its own
            (
                "In 2019 the network reported a second wave of persecution against gays, including two murders.",
                vec!["persecution"],
            ),
            (
                "In 2019 the network reported a second wave of persecution against gays, including the murder of Oleg Marchenko.",
                vec!["killing", "persecution"],
            ),
        ] {
            let kinds = kinds_of(text);
            assert_eq!(kinds, want, "{text}");
        }
    }

    /// The narrative's time dates the acts after it, but not across a heading, and not from a
    /// clause on a noun (what the sentence says of a person); each case: text, and the time
    /// text the last act takes from the sentences before (None: undated).
    #[test]
    fn an_act_done_to_others_than_anyone_named() {
        for (text, want) in [
            (
                "Police detained more than 1,000 people at protests in Marevo.",
                true,
            ),
            ("Hundreds of protesters were arrested in Marevo.", true),
            ("Police arrested 18 suspects.", true),
            ("The three men were detained.", false),
            ("Police detained two men in Marevo.", false),
            (
                "Police detained Oleg Marchenko and 12 of his relatives.",
                false,
            ),
            ("Police detained her 12 relatives.", false),
            ("Police detained other activists in Marevo.", true),
            ("He met other lawyers detained in the same crackdown.", true),
            ("The other men were detained in Marevo.", false),
            // a number of a group, more than the pair a story may tell of
            (
                "Seven of his former students were later sentenced to between three and eight years.",
                true,
            ),
            ("Two of the men were later sentenced.", false),
            // people named only as someone's relatives
            ("Her father and sister were also arrested.", true),
            ("Her brother Oleg Marchenko was arrested.", false),
        ] {
            let (_, _, ev) = read(text);
            assert_eq!(ev.first().map(|e| e.done_to_others), Some(want), "{text}");
        }
    }

    #[test]
    fn a_time_told_looking_back_or_of_what_a_proceeding_is_about_dates_nothing_after_it() {
        // the past perfect reaches the verb an open complement shares its clause with ("had
        // failed to report … in 2020"): a time before the story's, which a statement told after
        // it does not take; a time of the story's own does; nor is the time of the act a
        // proceeding is about ("convicted … of the murder of X in March 2016") the story's
        for (text, kind, want) in [
            (
                "The judge ruled that Oleg Marchenko had failed to report to the police in 2020. The union condemned the ruling.",
                "public-statement",
                None,
            ),
            (
                "In 2019, Oleg Marchenko said he had received threats. The party condemned the killing.",
                "public-statement",
                None,
            ),
            (
                "In 2019, Oleg Marchenko said he had received threats. The party condemned the killing and called on the judiciary to find the perpetrators.",
                "petition",
                None,
            ),
            (
                "The judge ruled that Oleg Marchenko failed to report to the police in 2020. The union condemned the ruling.",
                "public-statement",
                Some("2020"),
            ),
            (
                "A court in Marevo has convicted seven men of the murder of the environmental activist Oleg Marchenko in March 2016. One defendant was acquitted.",
                "ruling",
                None,
            ),
        ] {
            let (_, t, ev) = read(text);
            let last = ev
                .iter()
                .rev()
                .find(|e| e.kind.as_str() == kind)
                .expect(text);
            let got = last
                .time
                .filter(|_| last.time_from_context)
                .map(|i| t[i].text.as_str());
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn the_narrative_time_is_the_narratives() {
        for (text, want) in [
            (
                "Police detained Oleg Marchenko on March 3. He was tortured.",
                Some("March 3"),
            ),
            (
                "Police detained Oleg Marchenko on March 3.\n\nA hearing in Port Aster\n\nHe was tortured.",
                None,
            ),
            // a credit after a sentence is no heading
            (
                "Police detained Oleg Marchenko on March 3. Tomas Berg / Harbour Photo\n\nHe was tortured.",
                Some("March 3"),
            ),
            (
                "A photo of Oleg Marchenko, who was detained in 2019, was shown. He was tortured.",
                None,
            ),
            // four sentences on, the narrative's day is no longer known to go on...
            (
                "Police detained Oleg Marchenko on March 3. His family was not told. Nobody called. A neighbour saw the car. He was tortured.",
                None,
            ),
            // ...unless a sentence names a part of that day, or tells an act the day dates
            (
                "Police detained Oleg Marchenko on March 3. His family was not told. Nobody called. Early in the morning a car came. A neighbour saw it. He was tortured.",
                Some("March 3"),
            ),
            (
                "Police detained Oleg Marchenko on March 3. His family was not told. Nobody called. He was charged with fraud. A neighbour saw the car. Nobody called. He was tortured.",
                Some("March 3"),
            ),
            // what is told in the present stands as the report is written: not that day's
            (
                "Police detained Oleg Marchenko on March 3. His family says he is being tortured.",
                None,
            ),
            // the day of news (a statement, sanctions announced, a saying) dates no act done
            // to anyone told after it...
            (
                "The ministry announced sanctions on March 3. Oleg Marchenko was then tortured.",
                None,
            ),
            (
                "The ministry said on March 3 that Oleg Marchenko had been detained. He was then tortured.",
                None,
            ),
            // a clause of time with no date moves the story on to a time the report does not give
            (
                "A court sentenced Oleg Marchenko to ten days on March 3. He was not released when the term ended. He was tortured.",
                None,
            ),
            // the writer's present perfect is so by the time of writing, on no day of the story
            (
                "Police detained Oleg Marchenko on March 3. Officers have tortured him.",
                None,
            ),
            (
                "Police detained Oleg Marchenko on March 3. The governor has said that he was tortured.",
                None,
            ),
            // a thing's history names no one: its time is not the story's, and the story's
            // is no longer known
            (
                "Police detained Oleg Marchenko on March 3. The pistol was sold in 1986 and had been traced through several owners. He was tortured.",
                None,
            ),
            // a time told looking back (the past perfect), or of a thing named by it ("the
            // March 3 protests"), dates no act told after it
            (
                "The agency said it had granted Oleg Marchenko protection on March 3. Officers tortured him.",
                None,
            ),
            (
                "The ministry accused Oleg Marchenko of organising the March 3 protests. Officers tortured him.",
                None,
            ),
            // ...but news told as done by then is of that day's month (see below)
            (
                "The ministry said on March 3 that Oleg Marchenko had been detained. “He has been tortured,” a spokesman said.",
                Some("March 3"),
            ),
            // "later" is after that day, by a span the report does not give; so is "after"
            // something told with no time
            (
                "Police detained Oleg Marchenko on March 3. He was later tortured.",
                None,
            ),
            (
                "Police detained Oleg Marchenko on March 3. He was tortured after the meeting.",
                None,
            ),
            (
                "Police detained Oleg Marchenko on March 3. He was tortured after he refused to confess.",
                None,
            ),
            (
                "Police detained Oleg Marchenko on March 3. After being driven to Marevo, he was tortured.",
                Some("March 3"),
            ),
            // "then" after the sentence the day dated is that day; after one it did not date,
            // it is after what that sentence told
            (
                "Police detained Oleg Marchenko on March 3. He was then tortured.",
                Some("March 3"),
            ),
            // the past perfect tells what came before the day reached
            (
                "Police raided the office on March 3. Oleg Marchenko had been tortured.",
                None,
            ),
            // an act told as standing now brings the report to the time of writing
            (
                "Police detained Oleg Marchenko on March 3. He has now been released. He was tortured.",
                None,
            ),
            (
                "Police detained Oleg Marchenko on March 3. His family was not told. He was then tortured.",
                None,
            ),
            // a day an act is told on is the narrative's, whatever else was told that day
            (
                "Police detained Oleg Marchenko on March 3 and a court charged him. He was tortured.",
                Some("March 3"),
            ),
            // a quotation is its speaker's account: the writer's day dates what it tells only
            // as done by the time it was said (see below)
            (
                "Police detained Oleg Marchenko on March 3. “He was tortured,” his lawyer said.",
                None,
            ),
            // nor does it date an act the source tells now, or a work cited as the source
            (
                "Police detained Oleg Marchenko on March 3. His lawyer says he was tortured.",
                None,
            ),
            // a sentence of no act sets the narrative's time by what its grammar says of it
            // (its grammar is read only when an act after it needs that time)
            ("It was March 3. His family was not told. He was tortured.", Some("March 3")),
            // a time that starts a span is when a state began, not the narrative's day
            (
                "Oleg Marchenko has been held in Marevo since March 3. He was tortured.",
                None,
            ),
            // and one lasting to now brings the report to the time of writing
            (
                "Police detained Oleg Marchenko on March 3. Marevo has been at the centre of abuses since 2017. He was tortured.",
                None,
            ),
            (
                "Police detained Oleg Marchenko on March 3. The letter, which was written in 2019, was shown. He was tortured.",
                Some("March 3"),
            ),
            (
                "The letter, which was written in 2019, was shown. He was tortured.",
                None,
            ),
            (
                "The ministry said on March 3 that the claims were false. Oleg Marchenko was tortured.",
                None,
            ),
            (
                "The ministry said on March 3 that the claims were false. “Oleg Marchenko has been tortured,” a spokesman said.",
                Some("March 3"),
            ),
        ] {
            let (_, t, ev) = read_quoting(text, true);
            // (the last torture told: an act of the sentence may be told after it)
            let last = ev
                .iter()
                .rev()
                .find(|e| e.kind.as_str() == "torture")
                .expect(text);
            let got = last
                .time
                .filter(|_| last.time_from_context)
                .map(|i| t[i].text.as_str());
            assert_eq!(got, want, "{text}");
        }
        // nor does it date a campaign that lasted years
        let (_, _, ev) = read(
            "Police detained Oleg Marchenko on March 3. The pair had fled persecution in Marevo.",
        );
        let campaign = ev
            .iter()
            .find(|e| e.kind.as_str() == "persecution")
            .expect("persecution");
        assert_eq!(campaign.time, None);
        // nor a work cited as the source of what is told
        let (_, _, ev) = read(
            "Police detained Oleg Marchenko on March 3. He was held with officers, according to a UN probe.",
        );
        let probe = ev
            .iter()
            .find(|e| e.kind.as_str() == "investigation")
            .expect("investigation");
        assert_eq!(probe.time, None);
    }

    /// What is done to a dead body is no act against a person: moved, removed or destroyed, it
    /// is the disposal of the remains; cut up, a mutilation. Words of disposal tell of it only
    /// when a body is what they act on. Someone taken, driven or brought to a named place was
    /// transferred there, to a hospital or a court not. A pardon is its own act.
    #[test]
    fn bodies_and_places_moved_to() {
        for (text, want) in [
            (
                "The body was handed over to a local collaborator.",
                vec!["remains-disposal"],
            ),
            ("Police seized the remains of Oleg Marchenko.", vec![]),
            (
                "His body was dismembered and removed from the building by five men.",
                vec!["mutilation", "remains-disposal"],
            ),
            (
                "The officers burned the bodies in a field.",
                vec!["remains-disposal"],
            ),
            ("The governor was removed from office in May.", vec![]),
            (
                "The body was found in May and the officer was arrested.",
                vec!["arrest"],
            ),
            ("Soldiers destroyed the bridge.", vec![]),
            ("The president pardoned Oleg Marchenko.", vec!["pardon"]),
            (
                "Oleg Marchenko was handed over to the police in Marevo.",
                vec!["forced-return"],
            ),
            (
                "Oleg Marchenko was driven all the way to Marevo.",
                vec!["forced-return"],
            ),
            (
                "Police arrested Oleg Marchenko and took him to Marevo.",
                vec!["arrest"],
            ),
            ("Oleg Marchenko was taken to hospital with burns.", vec![]),
            ("Oleg Marchenko was brought to court in handcuffs.", vec![]),
            (
                "Oleg Marchenko was transferred to a hospital, where he died.",
                vec![],
            ),
            (
                "Oleg Marchenko was transferred to a prison in Marevo.",
                vec!["forced-return"],
            ),
            // from cell to cell inside a prison
            (
                "He was transferred to solitary confinement in Marevo prison on 9 December.",
                vec![],
            ),
        ] {
            assert_eq!(kinds_of(text), want, "{text}");
        }
    }

    /// Words tell an act only of what they act on: a person picked up or seized by someone is
    /// arrested, a thing picked up or seized, or someone fetched, is not; an appeal dismissed
    /// is no statement; a participle that describes who someone is tells no act. A court's
    /// finding on a complaint is a judgment.
    #[test]
    fn an_act_s_words_tell_it_only_of_what_they_act_on() {
        for (text, want) in [
            // a body accused is held to blame, not charged; a person accused is charged
            (
                "Chechen authorities were accused of abducting the blogger's relatives.",
                vec!["abduction"],
            ),
            (
                "Oleg Marchenko was accused of abducting the blogger's relatives.",
                vec!["abduction", "criminal-charge"],
            ),
            // escaping a danger is no flight; escaping a place is
            (
                "The journalist narrowly escaped an assassination attempt in 2019.",
                vec!["killing"],
            ),
            ("Oleg Marchenko escaped the country in 2019.", vec!["flight"]),
            (
                "The activist Oleg Marchenko was picked up by men in plainclothes on Monday.",
                vec!["arrest"],
            ),
            (
                "Security forces picked him up outside his home.",
                vec!["arrest"],
            ),
            ("Oleg Marchenko picked up the phone.", vec![]),
            // the word that says which court is no act; a trial in a line of a timeline is
            (
                "A Vietnamese appeals court on Friday upheld a nine-year prison sentence for Oleg Marchenko.",
                vec!["trial", "ruling"],
            ),
            (
                "- 14 December 2021: The court convicts her of fraud and sentences her to nine years in prison.",
                vec!["trial"],
            ),
            // what a law forbids is a kind of act
            (
                "Pakistan must also enact a law criminalising torture without further delay.",
                vec![],
            ),
            (
                "The country ratified the convention against torture in 2010.",
                vec![],
            ),
            // killed by the means the words name
            (
                "The journalist Oleg Marchenko was stabbed to death in Marevo on January 10.",
                vec!["killing"],
            ),
            // the penalty a sentence names is no detention of its own
            (
                "The court sentenced Oleg Marchenko to ten years' imprisonment.",
                vec!["trial"],
            ),
            (
                "The court sentenced him to ten years of imprisonment.",
                vec!["trial"],
            ),
            // taken into custody is arrested; a denial of detaining someone is a telling of it,
            // and the denier's statement
            (
                "He was taken into custody by men in plain clothes on Monday.",
                vec!["arrest"],
            ),
            (
                "The battalion has denied detaining him.",
                vec!["arrest", "public-statement"],
            ),
            // a denial that something is so is a statement; a refusal of a thing is none
            (
                "Saudi officials have denied the allegations.",
                vec!["public-statement"],
            ),
            (
                "The Saudis have presented shifting stories, initially denying any knowledge.",
                vec!["public-statement"],
            ),
            (
                "The authorities denied Anna Roe access to adequate medical care.",
                vec![],
            ),
            ("Ivan Dorn was denied entry to Russia at the airport.", vec![]),
            ("Her request for bail was denied.", vec!["petition"]),
            (
                "Her lawyer said that his requests to postpone the hearing were denied.",
                vec!["petition"],
            ),
            (
                "The allegations were denied by the ministry.",
                vec!["public-statement"],
            ),
            // calling something a name of judgement is a statement; calling for something a
            // request, calling someone somewhere neither
            (
                "Amnesty International called the verdict a travesty of justice.",
                vec!["trial", "public-statement"],
            ),
            (
                "Her lawyer called the trial unfair.",
                vec!["trial", "public-statement"],
            ),
            ("They called him a traitor.", vec!["public-statement"]),
            // what one says on a network or in a post is said in public
            (
                "The Interior Ministry said on Telegram that the men had been released.",
                vec!["release", "public-statement"],
            ),
            (
                "The Interior Ministry said that the men had been released.",
                vec!["release"],
            ),
            ("The UN called for an inquiry.", vec!["petition"]),
            ("Police called her to the station.", vec![]),
            // someone put on a list of terrorists or named a foreign agent is designated; a
            // channel so named, names added to a list of suspects, a state of emergency are not
            (
                "Ivan and Oleg Dorn were added to the federal list of “terrorists and extremists” in November 2022.",
                vec!["designation"],
            ),
            (
                "The Justice Ministry designated the journalist Anna Roe a foreign agent on Friday.",
                vec!["designation"],
            ),
            (
                "Ivan Dorn was included in the register of foreign agents.",
                vec!["designation"],
            ),
            (
                "The Justice Ministry designated her a foreign agent in 2021.",
                vec!["designation"],
            ),
            (
                "Russian authorities previously designated the channel as extremist.",
                vec![],
            ),
            ("The police added two names to the list of suspects.", vec![]),
            ("The club added Ivan Dorn to the list of speakers.", vec![]),
            (
                "Ivan Dorn was put in a cell and beaten.",
                vec!["ill-treatment"],
            ),
            ("The president declared a state of emergency.", vec![]),
            ("He added that the men were tortured.", vec!["torture"]),
            // a thing seized is no arrest; a person seized is one
            (
                "Police searched the flat and seized her laptop.",
                vec!["raid"],
            ),
            (
                "He criticised the president's seizure of wide powers.",
                vec![],
            ),
            (
                "Police seized Oleg Marchenko in the street.",
                vec!["arrest"],
            ),
            ("The seizure of the two men was filmed.", vec!["arrest"]),
            // a person executed is killed; a crime executed is no killing
            ("Iran executed Oleg Marchenko on Monday.", vec!["killing"]),
            ("The five men planned and executed the crime.", vec![]),
            (
                "The Court held that there had been a violation of Article 3.",
                vec!["judgment"],
            ),
            (
                "The European Court of Human Rights ruled in December that his detention violated his rights.",
                vec!["detention", "judgment"],
            ),
            (
                "The court ordered Russia to pay 26,000 euros to Oleg Marchenko.",
                vec!["judgment"],
            ),
            ("Ivan Dorn has ruled the region since 2007.", vec![]),
            // a confession told as forced or staged is a coerced statement, a plain one not
            (
                "Ivan Dorn confessed to the shooting and was sentenced in 2020.",
                vec!["trial"],
            ),
            (
                "Oleg Marchenko confessed on state television.",
                vec!["coerced-statement"],
            ),
            // some act of a kind, of no one named, is none of the case's
            (
                "He testified at an inquest into a death in police custody.",
                vec![],
            ),
            (
                "He died after a beating by police in Marevo.",
                vec!["ill-treatment"],
            ),
            // a rule about every act of a kind, a habit now: no happening; a habit told of the
            // past is
            (
                "Every arrest of a journalist should be met with a response.",
                vec![],
            ),
            (
                "Journalists in Marevo are routinely detained, beaten and threatened.",
                vec![],
            ),
            (
                "He was moved to solitary confinement, a step that usually precedes an execution.",
                vec![],
            ),
            (
                "In the prison, Oleg Marchenko was regularly beaten by guards.",
                vec!["ill-treatment"],
            ),
            // calls made again and again are calls made; abuses done again and again a habit
            (
                "The United States has repeatedly called for his release.",
                vec!["petition"],
            ),
            (
                "Police have repeatedly detained journalists in Marevo.",
                vec![],
            ),
            // an appeal dismissed is no statement; reports dismissed are one
            (
                "The appeals of Oleg Marchenko were dismissed.",
                vec!["petition"],
            ),
            (
                "Ivan Dorn dismissed the reports of torture.",
                vec!["torture", "public-statement"],
            ),
            // a participle that says who someone is tells no act
            (
                "The investigating authorities refused to open a case.",
                vec![],
            ),
            ("The arresting officers beat him.", vec!["ill-treatment"]),
            (
                "Police are investigating the killing.",
                vec!["killing", "investigation"],
            ),
            ("The children were picked up from school on Monday.", vec![]),
        ] {
            assert_eq!(kinds_of(text), want, "{text}");
        }
    }

    /// Leaving is a flight when one is helped, forced or has to; not otherwise.
    #[test]
    fn leaving_one_is_made_to_is_flight() {
        for (text, want) in [
            (
                "The network helped Oleg Marchenko and Ivan Dorn leave Marevo in June.",
                vec!["flight"],
            ),
            (
                "Oleg Marchenko had to leave Marevo in June.",
                vec!["flight"],
            ),
            // (and one missing since is a disappearance)
            (
                "Oleg Marchenko has been missing since he left Marevo in June.",
                vec!["disappearance"],
            ),
            ("Oleg Marchenko decided to leave politics in June.", vec![]),
            ("Oleg Marchenko did not leave a message.", vec![]),
        ] {
            assert_eq!(kinds_of(text), want, "{text}");
        }
    }

    /// An arrest in absentia is no arrest; a sentence in absentia is a sentence.
    #[test]
    fn an_arrest_in_absentia_is_none() {
        for (text, want) in [
            (
                "A court ordered the arrest in absentia of the journalist Oleg Marchenko.",
                Modality::Hypothetical,
            ),
            (
                "Oleg Marchenko was arrested in absentia on Tuesday.",
                Modality::Hypothetical,
            ),
            (
                "Oleg Marchenko was sentenced in absentia to five years.",
                Modality::Asserted,
            ),
        ] {
            let (_, _, e) = read(text);
            assert_eq!(
                e.iter().map(|e| e.modality).collect::<Vec<_>>(),
                [want],
                "{text}"
            );
        }
    }

    /// A country before a title's colon is the title's topic, not the act's place; a place in
    /// the act's clause is, unless it did the act, underwent it, or is where one was moved from.
    #[test]
    fn a_title_s_topic_is_no_place() {
        let place = |text: &str| {
            let (m, _, e) = read(text);
            e.iter()
                .map(|e| e.place.map(|k| m[k].text.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            place("Belarus: Journalist Oleg Marchenko detained in Minsk"),
            [Some("Minsk".to_string())]
        );
        assert_eq!(place("Belarus: Journalist Oleg Marchenko detained"), [None]);
        assert_eq!(
            place("Journalist Oleg Marchenko detained in Belarus"),
            [Some("Belarus".to_string())]
        );
        // a state that did it is no place; nor where one was moved from
        assert_eq!(
            place("Witnesses say Russia tortured Oleg Marchenko."),
            [None]
        );
        assert_eq!(
            place("Oleg Marchenko was extradited from Kazakhstan to Uzbekistan."),
            [Some("Uzbekistan".to_string())]
        );
        // nor a place in the phrase of another act, far from it
        let judged = place(
            "The European Court of Human Rights ruled on Tuesday that Russia was responsible for the 2006 killing of Oleg Marchenko in London.",
        );
        assert!(!judged.contains(&Some("London".to_string())), "{judged:?}");
        // (but one joined to it by "and", or what it is done to or over, shares it)
        let fled = place(
            "The pair had previously fled persecution and torture in Chechnya and took refuge in the Russian city of Nizhny Novgorod.",
        );
        assert!(
            fled.iter().all(|p| p.as_deref() == Some("Chechnya")),
            "{fled:?}"
        );
        // nor one named beside it ("The EU and the United States condemned"), also of a verb
        // sharing the subject
        assert_eq!(
            place("The union and Russia condemned the ruling and demanded the release of Oleg Marchenko."),
            [None, None, None]
        );
        assert_eq!(
            place("The judgment concerning Russia was unanimous."),
            [None]
        );
        assert_eq!(
            place("The UN called on Russia to free Oleg Marchenko."),
            [None]
        );
        assert_eq!(
            place("Guards beat Oleg Marchenko and threatened to send him back to Uzbekistan.")[0],
            None
        );
    }

    /// Words inside another act's words name that act only.
    #[test]
    fn an_act_inside_another_s_words_is_that_act() {
        for (text, want) in [
            (
                "Oleg Marchenko was beaten to death in his cell.",
                vec!["killing"],
            ),
            // a participle describing a plural noun names a kind of people
            (
                "Oleg Marchenko fled in 2016. He has campaigned publicly for the release of detained Uyghurs, and state media have called him a \"terrorist\".",
                vec!["flight", "release"],
            ),
            // a death in the state's hands, whatever its cause
            (
                "Oleg Marchenko was found dead in his cell two days later.",
                vec!["death-in-custody"],
            ),
            (
                "Oleg Marchenko was beaten and his cellmate was beaten to death.",
                vec!["ill-treatment", "killing"],
            ),
        ] {
            assert_eq!(kinds_of(text), want, "{text}");
        }
    }

    /// The getaway of those who did an act is no flight from persecution; the flight of those
    /// it was done to is.
    #[test]
    fn the_doers_getaway_is_no_flight() {
        for (text, want) in [
            (
                "Oleg Marchenko was shot dead by two men who fled on a motorcycle.",
                vec!["killing"],
            ),
            (
                "The gunmen shot dead Oleg Marchenko and fled.",
                vec!["killing"],
            ),
            (
                "Oleg Marchenko was shot six times by two men who fled on a motorcycle.",
                vec![],
            ),
            (
                "Oleg Marchenko fled to Armenia after he was beaten by police.",
                vec!["ill-treatment", "flight"],
            ),
        ] {
            assert_eq!(kinds_of(text), want, "{text}");
        }
    }

    /// Acts counted vaguely over a span ("several investigations since 2017") are many acts,
    /// no happening; counted so on a day of their own, they are one ("several arrests on
    /// Monday").
    #[test]
    fn many_acts_over_a_span_are_no_happening() {
        for (text, want) in [
            (
                "Chechnya has been at the center of several investigations into abuses since 2017.",
                vec![],
            ),
            (
                "Police made several arrests in Marevo on Monday.",
                vec!["arrest"],
            ),
            (
                "The investigation into his death began in 2017.",
                vec!["investigation"],
            ),
            // a verb done to a counted many since a point, and to many on one day
            (
                "Police have detained more than 7,000 people since the election.",
                vec![],
            ),
            (
                "Police detained 300 protesters in Marevo on Sunday.",
                vec!["arrest"],
            ),
            // a noun of acts counted since a point; and two counted on one day
            (
                "The group has documented at least 20 killings of journalists in Marevo since 2000.",
                vec![],
            ),
            ("The two killings in Marevo on Sunday shocked the town.", vec!["killing"]),
            ("In 2020, thousands of protesters were arrested.", vec![]),
            // what befell some of a kind of people, at no time
            (
                "Some of those disappeared were later found dead, while others were produced in court weeks later and charged with crimes.",
                vec![],
            ),
            ("Others were beaten in Marevo on Sunday.", vec!["ill-treatment"]),
            ("Many opposition figures have fled abroad.", vec![]),
            ("Many protesters were detained.", vec![]),
            ("Oleg Marchenko fled abroad.", vec!["flight"]),
            (
                "Since 2013, the authorities have arrested tens of thousands of people on politically motivated charges.",
                vec![],
            ),
            // acts done to many counted since a point, or over a whole year: a tally; two
            // men killed in a year may be one happening
            (
                "Since 2000, the group has documented the murders of 163 journalists in Marevo.",
                vec![],
            ),
            (
                "At least 15 journalists were killed in Marevo in 2022.",
                vec![],
            ),
            ("Two journalists were killed in Marevo in 2022.", vec!["killing"]),
            (
                "Hundreds of people have been prosecuted under the law since it was adopted.",
                vec![],
            ),
            (
                "The practice has been linked to dozens of killings of activists since 2016.",
                vec![],
            ),
            (
                "In 2023, at least 20 people were reported to have been disappeared in Marevo.",
                vec![],
            ),
            // or done in many places, or many times
            (
                "Critics of the president have been killed in several countries.",
                vec![],
            ),
            (
                "Critics of the president have been killed or attacked in several countries.",
                vec![],
            ),
            ("Oleg Marchenko was arrested several times.", vec![]),
            (
                "Oleg Marchenko was arrested in Marevo on Monday.",
                vec!["arrest"],
            ),
            (
                "At least 15 journalists were killed in Marevo on 3 May 2022.",
                vec!["killing"],
            ),
        ] {
            assert_eq!(kinds_of(text), want, "{text}");
        }
    }

    /// A statement comes after the act it tells as done, an act after the act of its "after"
    /// clause; a doer named by no name is marked.
    #[test]
    fn the_order_of_acts_in_a_sentence() {
        for (text, want) in [
            (
                "The attorney general then acknowledged that Oleg Marchenko was killed.",
                vec![
                    ("killing", vec![], false),
                    ("public-statement", vec![0], true),
                ],
            ),
            (
                "The attorney general claimed that Oleg Marchenko would be killed.",
                vec![
                    ("killing", vec![], false),
                    ("public-statement", vec![], true),
                ],
            ),
            (
                "His body was dismembered after he was killed in the building.",
                vec![("killing", vec![], false), ("mutilation", vec![0], false)],
            ),
            (
                "The body was destroyed following his murder.",
                vec![
                    ("killing", vec![], false),
                    ("remains-disposal", vec![0], false),
                ],
            ),
            // a response comes after what it responds to, and a judgement after what it judges
            (
                "Responding to the verdict, the rapporteur Mary Lawlor said the trial lacked legitimacy.",
                vec![("trial", vec![], false), ("public-statement", vec![0], false)],
            ),
            (
                "In response to the verdict against Ales Bialiatski, the European Union called for his release.",
                vec![("trial", vec![], false), ("petition", vec![0], false)],
            ),
            (
                "Amnesty International condemned the verdict.",
                vec![("trial", vec![], false), ("public-statement", vec![0], false)],
            ),
            // a participle's doer is its verb's subject, a people named in the plural no one's
            // name
            (
                "The Saudis have presented shifting stories, initially denying any knowledge.",
                vec![("public-statement", vec![], true)],
            ),
        ] {
            let told: Vec<(String, Vec<usize>, bool)> = read(text)
                .2
                .into_iter()
                .map(|e| (e.kind.to_string(), e.after, e.doer_unnamed))
                .collect();
            let want: Vec<(String, Vec<usize>, bool)> = want
                .into_iter()
                .map(|(k, a, d)| (k.to_string(), a, d))
                .collect();
            assert_eq!(told, want, "{text}");
        }
    }

    /// What a verb undoes was done before it: the undoing's time does not date it.
    #[test]
    fn an_undone_step_takes_not_the_undoing_s_time() {
        for (text, dated) in [
            (
                "Prosecutors dropped the charges against Oleg Marchenko in April.",
                false,
            ),
            (
                "Prosecutors brought charges against Oleg Marchenko in April.",
                true,
            ),
        ] {
            let told = read(text).2;
            let charge = told
                .iter()
                .find(|e| e.kind == ActKind::CriminalCharge)
                .expect("charge");
            assert_eq!(charge.time.is_some(), dated, "{text}");
        }
    }

    /// A time told in the past perfect, also in a participle's clause on such a verb, is a time
    /// looked back to: the acts told after it do not take it.
    #[test]
    fn a_time_looked_back_to_dates_nothing_after_it() {
        let text = "Oleg Marchenko had fled Georgia after surviving an assassination attempt in \
            2015. The suspect was arrested near the river.";
        let told = read(text).2;
        let arrest = told
            .iter()
            .find(|e| e.kind == ActKind::Arrest)
            .expect("arrest");
        assert_eq!(arrest.time, None);
    }

    /// A sentence whose verb comes "later" moves the story past the day told before: what is
    /// told after it does not take that day.
    #[test]
    fn later_moves_the_story_on() {
        let text = "In 2020, a man attacked the blogger with a hammer at his home in Sweden. A \
            Swedish court later convicted two Chechen men of attempted murder.\n\nThe Kremlin \
            declined to comment. Memorial, the banned rights group, called on Russian federal \
            prosecutors to open a criminal case over the abductions.";
        let told = read(text).2;
        let petition = told
            .iter()
            .find(|e| e.kind == ActKind::Petition)
            .expect("petition");
        assert_eq!(petition.time, None);
    }

    /// Who did an act that no name tells is said in the report's words: the noun phrase of its
    /// verb's subject, without what a comma or a clause adds; not the one who underwent it
    /// ("fled", "vanished"), nor a noun's.
    #[test]
    fn an_unnamed_doer_is_told_in_its_words() {
        for (text, want) in [
            (
                "Khashoggi's fiancée calls the verdict a farce.",
                vec![
                    ("trial", None),
                    ("public-statement", Some("Khashoggi's fiancée")),
                ],
            ),
            (
                "The Saudi attorney general acknowledged that the killing was premeditated.",
                vec![
                    ("killing", None),
                    ("public-statement", Some("The Saudi attorney general")),
                ],
            ),
            (
                "A close ally of the prince acknowledged that the killing was premeditated.",
                vec![
                    ("killing", None),
                    ("public-statement", Some("A close ally of the prince")),
                ],
            ),
            (
                "Seven armed men detained her in her apartment.",
                vec![("arrest", Some("Seven armed men"))],
            ),
            (
                "The journalist vanished in Istanbul.",
                vec![("disappearance", None)],
            ),
            ("The operation was an abduction.", vec![("abduction", None)]),
        ] {
            let told: Vec<(String, Option<&str>)> = read(text)
                .2
                .into_iter()
                .map(|e| {
                    let words = e.doer_words.map(|w| &text[w.start..w.end]);
                    (e.kind.to_string(), words)
                })
                .collect();
            let want: Vec<(String, Option<&str>)> =
                want.into_iter().map(|(k, w)| (k.to_string(), w)).collect();
            assert_eq!(told, want, "{text}");
        }
    }

    /// The present perfect tells the report's news in its opening (the title, short lines and
    /// first paragraph of body text), not further on.
    #[test]
    fn the_present_perfect_is_news_in_the_opening() {
        let text = "Court cuts term\n\nThe Cassation Court in Marevo has reduced the term of Oleg \
            Marchenko by three months, down to four years, his lawyer told reporters after the \
            hearing.\n\nThe region's leader Ivan Petrov has dismissed the reports and denies that \
            there are any political prisoners in the region at all.";
        let told: Vec<(String, bool)> = read(text)
            .2
            .into_iter()
            .map(|e| (e.kind.to_string(), e.done_by_report))
            .collect();
        assert_eq!(
            told,
            [
                ("ruling".to_string(), true),
                ("public-statement".to_string(), false)
            ]
        );
    }

    /// A noun with "the" and nothing of its own, that the sentence says something of, points
    /// back to the act told before; one with words of its own tells an act.
    #[test]
    fn definite_nouns_point_back() {
        for (text, refers_back) in [
            (
                "The charge was based on an alleged attack on a guard.",
                true,
            ),
            (
                "The charge against Oleg Marchenko was based on an alleged attack.",
                false,
            ),
            ("Police charged Oleg Marchenko with fraud.", false),
            // what "to be" says of it
            (
                "The judge, Viktor Lanski, said the murder was an act of state terrorism.",
                true,
            ),
            (
                "The murder of Lena Brook was an act of state terrorism.",
                false,
            ),
        ] {
            let told = read(text).2;
            assert_eq!(told[0].refers_back, refers_back, "{text}: {told:?}");
        }
        // and takes no time from the sentences before: it keeps its first telling's
        for text in [
            "Police detained Oleg Marchenko on March 3. The judge said the murder was an act of state terrorism.",
            "Police detained Oleg Marchenko on March 3. The charge was based on an alleged attack.",
            // ... as does "the X" another verb is done to or with
            "Police detained Oleg Marchenko on March 3. The ministry would cooperate with the investigation.",
            // ... even with what the verb calls it in quotation marks on it
            "Police detained Oleg Marchenko on March 3. Anna Roe, the opposition leader, called the verdict \"appalling\".",
        ] {
            let told = read(text).2;
            assert_eq!(told.len(), 2, "{text}: {told:?}");
            assert!(told[1].refers_back && told[1].time.is_none(), "{text}: {told:?}");
        }
    }

    /// A participle standing for people, with an article in a noun's place, names them and
    /// tells no act; the verb does.
    #[test]
    fn participles_for_people_tell_no_act() {
        for (text, want) in [
            (
                "The court ordered a maximum sentence of 20 years in prison for five of the accused.",
                vec![],
            ),
            ("Police released two of the detained on Monday.", vec!["release"]),
            ("The judge read the verdict to the accused.", vec!["trial"]),
            ("Police detained two men.", vec!["arrest"]),
        ] {
            assert_eq!(kinds_of(text), want, "{text}");
        }
    }

    /// An act told of a dead body is marked so (it comes after the death); one done to a living
    /// person is not.
    #[test]
    fn acts_on_remains_are_marked() {
        for (text, on_remains) in [
            ("His body was dismembered after he was strangled.", true),
            ("The officers burned the bodies in a field.", true),
            ("Guards mutilated Oleg Marchenko in his cell.", false),
        ] {
            let told = read(text).2;
            assert_eq!(told[0].on_remains, on_remains, "{text}: {told:?}");
        }
    }

    /// People removed from an office are a dismissal; a removing word that acts on no one is not
    /// ("fired shots"), and dismissing a claim is a statement.
    #[test]
    fn dismissals_are_of_people() {
        for (text, dismissal, statement) in [
            (
                "Saudi Arabia said it fired two senior officials over the incident.",
                true,
                false,
            ),
            (
                "The king ousted the deputy head of intelligence.",
                true,
                false,
            ),
            ("Two aides were sacked on Friday.", true, false),
            ("Police fired shots at the crowd.", false, false),
            // a statement taken down from someone is no public statement
            (
                "They took our statement but nobody called us back.",
                false,
                false,
            ),
            (
                "His statement was recorded by the investigator.",
                false,
                false,
            ),
            ("The ministry issued a statement on Monday.", false, true),
            (
                "Alexeyev dismissed the accusations as slander.",
                false,
                true,
            ),
        ] {
            let kinds = kinds_of(text);
            assert_eq!(
                kinds.iter().any(|k| k == "dismissal"),
                dismissal,
                "{text}: {kinds:?}"
            );
            assert_eq!(
                kinds.iter().any(|k| k == "public-statement"),
                statement,
                "{text}: {kinds:?}"
            );
        }
    }

    /// An accusation is a criminal charge when a state's body makes it or no one is named;
    /// words that point back or give another act's grounds tell no new act; a court's review
    /// of a sentence is a ruling.
    #[test]
    fn charges_rulings_and_what_is_told_again() {
        for (text, want) in [
            (
                "Rights groups have for years accused Ramzan Kadyrov of overseeing grave abuses.",
                vec![],
            ),
            (
                "The authorities accused Zarema Musaeva of using violence against a police officer.",
                vec!["criminal-charge"],
            ),
            ("Zarema Musaeva was accused of fraud.", vec!["criminal-charge"]),
            (
                "In July 2023, a court sentenced Musaeva to five years in prison on these charges.",
                vec!["trial"],
            ),
            (
                "On November 3, her lawyer asked the court to overturn the sentence due to the unjustified charges.",
                vec!["ruling", "petition"],
            ),
            // asking a question or for a comment is no petition
            ("Asked about the sentence, the spokesman declined to comment.", vec![]),
            (
                "Reporters asked the ministry to comment on the arrest of Oleg Marchenko.",
                vec!["arrest"],
            ),
            // asking that an act not be done is a petition too
            (
                "The committee asked the government not to deport Oleg Marchenko.",
                vec!["forced-return", "petition"],
            ),
            (
                "On September 12, the Supreme Court of Chechnya reduced the term down to five years.",
                vec!["ruling"],
            ),
            (
                "The Cassation Court reduced Zarema Musaeva's custody term by three months.",
                vec!["ruling"],
            ),
            (
                "The Riyadh Criminal Court announced prison sentences for eight defendants.",
                vec!["trial"],
            ),
            ("The source is serving a prison sentence in the United States.", vec![]),
            ("She is in a pre-trial centre in Grozny.", vec![]),
        ] {
            assert_eq!(kinds_of(text), want, "{text}");
        }
    }

    /// The day an act was done to someone dates no step taken about it; the day of news does.
    #[test]
    fn the_day_of_an_act_done_to_someone_dates_no_step_about_it() {
        for (text, want) in [
            (
                "Police detained Oleg Marchenko on March 3. His lawyer appealed against the arrest.",
                None,
            ),
            (
                "The ministry said on March 3 that Oleg Marchenko had been detained. It also appealed for calm.",
                Some("March 3"),
            ),
        ] {
            let (_, t, ev) = read(text);
            let step = ev
                .iter()
                .find(|e| e.kind.as_str() == "petition")
                .unwrap_or_else(|| panic!("{text}: {ev:?}"));
            assert_eq!(step.time.map(|i| t[i].text.as_str()), want, "{text}");
        }
    }

    /// A present inside a quotation is the speaker's: the statement it is said in is dated by
    /// the narrative like any act told in the past.
    #[test]
    fn a_quoted_present_is_the_speakers() {
        let text = "A judge on March 3 found Oleg Marchenko guilty and sentenced him to three years.\n“I did not commit any crime. I am the victim here,” Marchenko said in his final statement in court.";
        let (_, t, ev) = read_quoting(text, true);
        let said = ev
            .iter()
            .find(|e| e.kind.as_str() == "public-statement")
            .expect("statement");
        assert_eq!(
            said.time.map(|i| t[i].text.as_str()),
            Some("March 3"),
            "{said:?}"
        );
    }

    /// News told in the simple past, of the verb or of the noun it only says was done, happened
    /// by the time it is reported: the reporting's time is its time, as reported; not in the
    /// writer's past perfect, which puts it further back, but in the past perfect of what a
    /// verb of saying in the past reports, which is what was said shifted back.
    #[test]
    fn news_reported_on_a_day() {
        for (text, kind, want) in [
            (
                "The Riyadh Criminal Court announced prison sentences for eight defendants, state media reported Monday.",
                "trial",
                Some("Monday"),
            ),
            (
                "The Riyadh Criminal Court had announced prison sentences for eight defendants, state media reported Monday.",
                "trial",
                None,
            ),
            (
                "His sons said in May 2020 that they had pardoned the killers.",
                "pardon",
                Some("May 2020"),
            ),
            // (a day there dates only the saying)
            (
                "His sons said on Monday that they had pardoned the killers.",
                "pardon",
                None,
            ),
        ] {
            let (_, t, ev) = read(text);
            let trial = ev.iter().find(|e| e.kind.as_str() == kind).expect(text);
            let got = trial
                .time
                .filter(|_| trial.time_reported)
                .map(|i| t[i].text.as_str());
            assert_eq!(got, want, "{text}");
        }
    }

    /// A possessor made what a party takes and underwent what is done to someone.
    #[test]
    fn a_possessor_by_the_kind_of_act() {
        for (text, kind, name, role) in [
            (
                "The court rejected Oleg Marchenko's requests to postpone the trial.",
                "petition",
                "Oleg Marchenko",
                ParticipantRole::Agent,
            ),
            (
                "Oleg Marchenko's arrest in Port Aster shocked his family.",
                "arrest",
                "Oleg Marchenko",
                ParticipantRole::Victim,
            ),
        ] {
            let (m, _, ev) = read(text);
            let e = ev.iter().find(|e| e.kind.as_str() == kind).expect(text);
            let got = e
                .participants
                .iter()
                .find(|p| m[p.mention].text == name)
                .map(|p| p.role);
            assert_eq!(got, Some(role), "{text}");
        }
    }

    /// The judge who sentenced took a legal proceeding: named as its agent, not as a
    /// perpetrator.
    /// A state named by its country takes steps; it is no perpetrator, and a city is no state.
    #[test]
    fn a_country_takes_steps() {
        for (text, kind, name, want) in [
            (
                "Germany expelled two Russian diplomats on Wednesday.",
                "expulsion",
                "Germany",
                Some(ParticipantRole::Agent),
            ),
            (
                "Saudi Arabia has sentenced five people to death.",
                "trial",
                "Saudi Arabia",
                Some(ParticipantRole::Agent),
            ),
            (
                "Russia killed Oleg Marchenko in 2019.",
                "killing",
                "Russia",
                None,
            ),
            (
                "Moscow expelled two German diplomats on Friday.",
                "expulsion",
                "Moscow",
                None,
            ),
        ] {
            let (m, _, ev) = read(text);
            let e = ev
                .iter()
                .find(|e| e.kind.as_str() == kind)
                .unwrap_or_else(|| panic!("{text}: {ev:?}"));
            let role = e
                .participants
                .iter()
                .find(|p| m[p.mention].text == name)
                .map(|p| p.role);
            assert_eq!(role, want, "{text}");
        }
    }

    #[test]
    fn a_judge_who_sentences_is_no_perpetrator() {
        let text = "In seven minutes, the judge, Viktor Lanski, found Oleg Marchenko guilty and sentenced him to five years.";
        let (m, _, ev) = read(text);
        let trial = ev
            .iter()
            .find(|e| e.kind.as_str() == "trial")
            .expect("a trial");
        let role_of = |name: &str| {
            trial
                .participants
                .iter()
                .find(|p| m[p.mention].text == name)
                .map(|p| p.role)
        };
        assert_eq!(
            role_of("Viktor Lanski"),
            Some(ParticipantRole::Agent),
            "{trial:?}"
        );
        // the one sentenced is the accused, not a victim: the case file does not judge whether
        // the proceeding wrongs them or tries what they did
        let text = "A court in Port Aster sentenced Oleg Marchenko to life in prison for the murder of Lena Brook.";
        let (m, _, ev) = read(text);
        let trial = ev
            .iter()
            .find(|e| e.kind.as_str() == "trial")
            .expect("a trial");
        let sentenced = trial
            .participants
            .iter()
            .find(|p| m[p.mention].text == "Oleg Marchenko")
            .map(|p| p.role);
        assert_eq!(sentenced, Some(ParticipantRole::Accused), "{trial:?}");
    }

    #[test]
    fn vocabulary_is_mapped() {
        for a in ACTS {
            assert!(!a.plover.0.is_empty());
            assert_eq!(act(a.name).name, a.name);
        }
        // each kind once, in the kinds' order
        let kinds: Vec<ActKind> = ACTS.iter().map(|a| a.name).collect();
        assert_eq!(kinds, ActKind::ALL);
        // and each kind has its row in the vocabulary's table for people (docs/events.md), with
        // its PLOVER type and mode
        let table = include_str!("../../../docs/events.md");
        for a in ACTS {
            let row = table
                .lines()
                .find(|l| l.starts_with(&format!("| `{}` |", a.name.as_str())))
                .unwrap_or_else(|| panic!("no row for {} in docs/events.md", a.name.as_str()));
            let plover = format!("{} / {}", a.plover.0, a.plover.1);
            assert!(row.contains(&plover), "{row} lacks {plover}");
        }
    }
}

#[cfg(test)]
mod group_tests {
    use super::*;
    use crate::{names, text::sentences};

    #[test]
    fn the_two_men_are_the_pair_named_together() {
        let text = "Pavel Ostrov and Oleg Marchenko fled in June. Ostrov and Marchenko were seized on March 3. Irina Volkova said the two men were beaten.";
        let d = crate::test_doc(text);
        let s = sentences(text);
        let m = names::find(&d, &s);
        let (a, b) = group_pair(text, &m).expect("a pair");
        assert_eq!(
            (m[a].text.as_str(), m[b].text.as_str()),
            ("Pavel Ostrov", "Oleg Marchenko")
        );
        let ev = find(&d, &s, &m, &[], &[]);
        let beaten = ev
            .iter()
            .find(|e| e.kind.as_str() == "ill-treatment")
            .unwrap();
        let victims: Vec<&str> = beaten
            .participants
            .iter()
            .filter(|p| {
                p.role == ParticipantRole::Victim && m[p.mention].kind == EntityKind::Person
            })
            .map(|p| m[p.mention].text.as_str())
            .collect();
        assert_eq!(victims, vec!["Pavel Ostrov", "Oleg Marchenko"]);
    }
}
