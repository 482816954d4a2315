//! Names of persons, organisations, places and groups.
//!
//! A first, rule-based tagger (the statistical tagger of issue 3 plugs in beside it):
//! 1. Patterns for names English writes in lower case: "Chechen special police", "the country's
//!    investigative committee", "Urus-Martanovsky district", "the two men".
//! 2. Runs of capitalised words, trimmed of sentence-initial common words and titles.
//! 3. Each run classified by, in order: the outlet table, organisation head words ("Network",
//!    "Committee"), the place gazetteer (exact, then one edit away), a title before it
//!    ("President"), the shape of a personal name (given-name counts from CoNLL-2003), and for
//!    single words, the full names found earlier in the same report.
//!
//! Nationality words ("Chechen", "Russian") are affiliations, never persons or places.
//! Boilerplate (photo credits and the like) is skipped, so a photographer is never a person.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use casefile_model::{outlets, Document, EntityKind, Mention};
use regex::Regex;

use crate::re;

use crate::lexicon::{self, word};
use crate::text::{tokens, Token};

/// Words that make a capitalised phrase an organisation's name.
pub const ORG_HEADS: &[&str] = &[
    "network",
    "committee",
    "court",
    "house",
    "group",
    "media",
    "agency",
    "police",
    "ministry",
    "council",
    "union",
    "party",
    "foundation",
    "institute",
    "university",
    "times",
    "news",
    "post",
    "service",
    "services",
    "office",
    "commission",
    "organisation",
    "organization",
    "watch",
    "international",
    "society",
    "centre",
    "center",
    "bank",
    "government",
    "authority",
    "department",
    "association",
    "federation",
    "coalition",
    "alliance",
    "army",
    "forces",
    "assembly",
    "parliament",
    "duma",
    "tribunal",
    "guard",
    "guardian",
    "herald",
    "journal",
    "tribune",
    "gazette",
    "telegraph",
    "express",
    "press",
    "radio",
    "television",
    "fund",
    "trust",
    "league",
    "movement",
    "front",
    "church",
    "academy",
    "corporation",
    "company",
    "bureau",
    "directorate",
    "cabinet",
    "senate",
    "congress",
    "memorial",
    "amnesty",
    "initiative",
    "project",
    "observer",
    "courier",
    "ledger",
    "chronicle",
    "bulletin",
    "dispatch",
    "examiner",
    "inquirer",
    "program",
    "programme",
    "mission",
    "observatory",
    "monitor",
    "courts",
    "prosecutor",
    "prosecutors",
];

/// Last words that make a capitalised phrase a place one can stand in: a park, a gorge, a
/// square, a palace ("Cal Anderson Park", "Pankisi Gorge", "Saudi Royal Palace").
const LANDMARK_HEADS: &[&str] = &[
    "park",
    "garden",
    "gardens",
    "gorge",
    "square",
    "street",
    "avenue",
    "road",
    "boulevard",
    "lane",
    "highway",
    "bridge",
    "palace",
    "mosque",
    "cathedral",
    "temple",
    "synagogue",
    "airport",
    "station",
    "prison",
    "jail",
    "stadium",
    "hotel",
    "valley",
    "mountain",
    "mountains",
    "river",
    "lake",
    "island",
    "islands",
    "desert",
    "forest",
    "canyon",
    "plaza",
    "harbour",
    "harbor",
    "port",
    "beach",
    "hill",
    "hills",
    "camp",
];

/// Endings of one-word place names in languages that write them as compounds ("Tiergarten",
/// "Alexanderplatz", "Friedrichstraße").
const LANDMARK_ENDINGS: &[&str] = &[
    "garten", "platz", "straße", "strasse", "allee", "ufer", "brücke", "bahnhof",
];

/// Common nouns for a body that, right before a name, say it names one ("the outlet Nasha
/// Niva", "the rights group Viasna", "the newspaper Novaya Gazeta").
const BODY_NOUNS: &[&str] = &[
    "outlet",
    "newspaper",
    "paper",
    "daily",
    "weekly",
    "magazine",
    "website",
    "broadcaster",
    "channel",
    "portal",
    "publication",
    "agency",
    "group",
    "organisation",
    "organization",
    "ngo",
    "charity",
    "company",
    "firm",
    "party",
    "movement",
    "employer",
    "site",
    "blog",
    "station",
    "centre",
    "center",
    "watchdog",
    "foundation",
    "association",
    "coalition",
    "initiative",
    "platform",
    "network",
    "institute",
];

/// Whether a lower-case word is a landmark head ("park", "gorge").
pub(crate) fn is_landmark_head(w: &str) -> bool {
    LANDMARK_HEADS.contains(&w)
}

/// Words of a feature of the land or the sea that take their name after "of" ("the Sea of
/// Marmara", "the Gulf of Aden", "the Strait of Hormuz", "the Isle of Man").
const GEO_OF: &[&str] = &[
    "sea", "gulf", "bay", "strait", "straits", "isle", "island", "islands", "lake", "cape",
    "mouth", "port",
];

/// Whether a phrase (lower case words) names a landmark by its last word, or a feature of the
/// land or sea by its first ("Sea of Marmara").
fn landmark(words: &[String]) -> bool {
    let Some(last) = words.last() else {
        return false;
    };
    let geo_of = words.len() >= 3 && GEO_OF.contains(&words[0].as_str()) && words[1] == "of";
    geo_of
        || (words.len() >= 2 && is_landmark_head(last))
        || LANDMARK_ENDINGS
            .iter()
            .any(|e| last.len() > e.len() + 2 && last.ends_with(e))
}

/// Words that stand before a personal name as a title or role.
pub const TITLES: &[&str] = &[
    "president",
    "secretary",
    "minister",
    "premier",
    "director",
    "leader",
    "chairman",
    "chairwoman",
    "chair",
    "head",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "governor",
    "mayor",
    "judge",
    "justice",
    "general",
    "gen",
    "colonel",
    "col",
    "major",
    "captain",
    "lieutenant",
    "sergeant",
    "senator",
    "sen",
    "rep",
    "representative",
    "deputy",
    "chief",
    "ambassador",
    "commissioner",
    "lawyer",
    "attorney",
    "advocate",
    "dr",
    "mr",
    "mrs",
    "ms",
    "miss",
    "prof",
    "professor",
    "sheikh",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "rev",
    "reverend",
    "imam",
    "mufti",
    "patriarch",
    "archbishop",
    "bishop",
    "activist",
    "journalist",
    "reporter",
    "officer",
    "investigator",
    "prosecutor",
    "mp",
    "councillor",
    "strongman",
    "founder",
    "coordinator",
    "researcher",
    "ombudsman",
    "sister",
    "brother",
    // kin named before the name: "their daughter Aliya", "his wife Lena"
    "daughter",
    "son",
    "wife",
    "husband",
    "mother",
    "father",
    "niece",
    "nephew",
    "cousin",
    "aunt",
    "uncle",
    "grandson",
    "granddaughter",
    "widow",
];

/// Multi-word titles, matched before single title words.
const LONG_TITLES: &[&str] = &[
    "secretary of state",
    "prime minister",
    "attorney general",
    "foreign minister",
    "interior minister",
    "deputy prime minister",
    "secretary general",
    "secretary-general",
    "chief of staff",
    "head of state",
    "minister of foreign affairs",
    "minister of justice",
    "minister of the interior",
];

/// Capitalised words that are never names on their own (and the months and weekdays:
/// [`not_a_name`]).
const NOT_NAMES: &[&str] = &[
    "i", "covid", "covid-19", "ok", "tv", "pm", "am", "eu", "un", "us", "u.s.", "u.k.", "uk",
    "ceo", "the", "a", "an", "he", "she", "they", "we", "it", "his", "her", "their", "our", "this",
    "that", "these", "those", "mr", "mrs", "ms", "dr", "original", "related", "support", "please",
    "photo", "image", "read", "more", "click",
];

/// A lower-case word that is never a name on its own: a month, a weekday, a common word.
fn not_a_name(lower: &str) -> bool {
    casefile_model::MONTHS.contains(&lower)
        || casefile_model::WEEKDAYS.contains(&lower)
        || NOT_NAMES.contains(&lower)
}

/// Things with capitalised names that are not persons, organisations or places.
const MISC_HEADS: &[&str] = &[
    "memorandum",
    "act",
    "law",
    "code",
    "prize",
    "award",
    "day",
    "war",
    "cup",
    "games",
    "convention",
    "treaty",
    "declaration",
    "charter",
    "channel",
    "app",
    "messenger",
    "video",
    "videos",
    "pandemic",
    "programs",
    "programmes",
    "affairs",
];

fn is_cap(w: &str) -> bool {
    // the Arabic article on a name: "al-Assiri", "el-Sisi" are name words
    if let Some(rest) = w.strip_prefix("al-").or_else(|| w.strip_prefix("el-")) {
        return rest.chars().next().is_some_and(char::is_uppercase) && is_cap(rest);
    }
    let mut ch = w.chars();
    match ch.next() {
        Some(c) if c.is_uppercase() => {
            // "Muslim-majority" is an adjective, not a name
            !w.split_once('-')
                .is_some_and(|(_, b)| b.chars().next().is_some_and(|c| c.is_lowercase()))
        }
        _ => false,
    }
}

fn all_caps(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(|c| c.is_lowercase())
}

/// A candidate run of capitalised tokens inside one sentence.
#[derive(Debug, Clone)]
struct Run {
    toks: Vec<Token>,
    /// The run starts the sentence (or follows an opening quote or a colon).
    initial: bool,
    /// A title stood just before the run.
    title: Option<String>,
    /// The word before the run, lower-cased.
    before: String,
    /// The word after the run, lower-cased.
    after: String,
    headline: bool,
}

/// Whether a joiner ("of", "for", "and") continues a name: after an organisation head or a
/// title ("European Court of Human Rights", "Secretary of State"), or before a head word
/// ("Ministry of Justice" has the head on the left; "Institute for War and Peace Reporting").
/// Lower-case particles inside personal names: "Mohammed bin Salman", "Ursula von der Leyen",
/// "Luiz Inácio Lula da Silva", "Vincent van Gogh".
const NAME_PARTICLES: &[&str] = &[
    "bin", "ibn", "bint", "ben", "de", "da", "di", "del", "della", "dos", "das", "du", "van", "von",
];

fn joins(left: &[&str], right: &[&str], joiner: &str) -> bool {
    let head = |w: &&str| ORG_HEADS.contains(&w.to_lowercase().as_str());
    let title = |w: &&str| TITLES.contains(&w.to_lowercase().as_str());
    let right_caps: Vec<&&str> = right.iter().take_while(|w| is_cap(w)).collect();
    // a name particle between a name and a capitalised word: one person's name
    if NAME_PARTICLES.contains(&joiner)
        && !right_caps.is_empty()
        && left
            .last()
            .is_some_and(|w| !head(w) && !title(w) && w.chars().count() > 1)
    {
        return true;
    }
    // "and" inside one body's name ("Organization for Security and Co-operation"), not between
    // two bodies' whole names, each ending in its head ("the European Union and Amnesty
    // International")
    if joiner == "and" {
        let two_bodies =
            left.last().is_some_and(head) && right_caps.last().is_some_and(|w| head(w));
        return left.iter().any(head) && right_caps.iter().any(|w| head(w)) && !two_bodies;
    }
    // a body's remit after its head ("Working Group on Arbitrary Detention", "Committee against
    // Torture"), its alternatives joined by "or" ("on Enforced or Involuntary Disappearances")
    if matches!(joiner, "on" | "against") {
        // ("the Shali City Court on Wednesday": a day, not a remit)
        let dated = right_caps.first().is_some_and(|w| {
            not_a_name(&w.to_lowercase()) || casefile_model::month_number(w).is_some()
        });
        return left.iter().any(head) && !right_caps.is_empty() && !dated;
    }
    // a body named for its aim ("Committee to Protect Journalists", "Campaign to Stop Killer
    // Robots"): only a head that is a body people found for a cause, not one that acts ("the
    // Court to Rule", a headline's future)
    if joiner == "to" {
        const CAUSES: &[&str] = &[
            "committee",
            "campaign",
            "coalition",
            "foundation",
            "fund",
            "alliance",
            "movement",
            "society",
            "league",
            "association",
            "initiative",
        ];
        return left.len() <= 3
            && left
                .last()
                .is_some_and(|w| CAUSES.contains(&w.to_lowercase().as_str()))
            && !right_caps.is_empty();
    }
    if joiner == "or" {
        return left.iter().any(head)
            && left
                .iter()
                .any(|w| matches!(*w, "on" | "of" | "for" | "against"))
            && !right_caps.is_empty();
    }
    // a person's name and the body they speak for ("said Andrew Gardner of Amnesty
    // International"): two names, not one body's
    let person_left = (2..=3).contains(&left.len())
        && !left.iter().any(head)
        && !left.iter().any(title)
        && word(left[0]).given_name();
    if joiner == "of" && person_left {
        return false;
    }
    // "the Sea of Marmara": a feature of the land or sea and its name
    let geo = joiner == "of"
        && left.len() == 1
        && GEO_OF.contains(&left[0].to_lowercase().as_str())
        && !right_caps.is_empty();
    geo || left.iter().any(head)
        || left.last().is_some_and(title)
        || right_caps.iter().any(|w| head(w))
}

fn span_text<'a>(text: &'a str, toks: &[Token]) -> &'a str {
    &text[toks[0].start..toks[toks.len() - 1].end]
}

/// The capitals of a name's words, as its short form writes them ("Supreme Court": "SC").
fn initials(words: &[&str]) -> String {
    words
        .iter()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// Whether a word is an article, a demonstrative or a possessive ("the", "this", "his").
fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "my"
            | "your"
    )
}

/// Locative words before a place name.
const LOCATIVE: &[&str] = &[
    "in",
    "to",
    "from",
    "near",
    "of",
    "at",
    "into",
    "across",
    "outside",
    "around",
    "via",
    "toward",
    "towards",
    "city",
    "town",
    "village",
    "region",
    "republic",
    "capital",
    "hometown",
    "inside",
    "throughout",
    "within",
];

fn mention(
    doc: &Document,
    s: usize,
    e: usize,
    kind: EntityKind,
    source: &str,
    normalized: Option<String>,
    conf: f32,
) -> Mention {
    Mention {
        span: doc.span(s, e),
        text: doc.text[s..e].to_string(),
        kind,
        normalized,
        source: source.into(),
        confidence: conf,
        in_country: None,
    }
}

/// Find names in a document, phase by phase: patterns, then runs of capitalised words (trimmed
/// of titles and sentence-initial common words) classified as outlets, organisations, places
/// and persons, then single words, then the statistical tagger. `sentences` are byte ranges
/// into `doc.text`.
pub fn find(doc: &Document, sentences: &[(usize, usize)]) -> Vec<Mention> {
    let mut out = Found::default();
    for &(ss, se) in sentences {
        if doc.in_boilerplate(ss, se)
            && doc.boilerplate.iter().any(|b| b.start <= ss && se <= b.end)
        {
            continue;
        }
        patterns(doc, ss, se, &mut out);
    }
    let trimmed: Vec<Run> = runs(doc, sentences)
        .into_iter()
        .filter_map(|r| trim(&doc.text, r))
        .collect();
    let singles = classify_runs(doc, trimmed, &mut out);
    classify_singles(doc, singles, &mut out);
    unions_of_states(doc, sentences, &mut out);
    initial_surnames(doc, sentences, &mut out);
    tagger_pass(doc, sentences, &mut out);
    let mut out = out.list;
    no_persons(&doc.text, &mut out);
    names_of_persons(&doc.text, &mut out);
    full_names_again(doc, &mut out);
    out.retain(|m| m.kind != EntityKind::Other);
    out.sort_by_key(|m| (m.span.start, m.span.end));
    out.dedup_by(|a, b| a.span == b.span);
    one_sense(&mut out);
    short_forms(doc, &mut out);
    for m in out.iter_mut().filter(|m| m.kind == EntityKind::Place) {
        m.in_country = country_of(m.normalized.as_deref().unwrap_or(&m.text));
    }
    out
}

/// Names read as persons that name none: a name right before a lower-case word for a place
/// one can stand in is that place's ("Rajai Shahr prison", "Evin prison", "the Kleiner
/// Tiergarten park"); a name between "the" and a lower-case word says which thing the phrase
/// names ("the Agua Zarca hydroelectric dam"); and a god ("waging war against God") is no
/// person of a case.
fn no_persons(text: &str, out: &mut [Mention]) {
    const GODS: &[&str] = &["God", "Allah"];
    // words that go on a sentence or join names, not words of a thing's name ("the Magamadov
    // and Isayev have been detained")
    const FUNCTION_WORDS: &[&str] = &[
        "and", "or", "but", "nor", "has", "have", "had", "is", "was", "were", "are", "will",
        "would", "said", "says", "who", "whom", "whose", "which", "that", "of", "in", "on", "to",
        "for", "with", "at", "by", "from", "as",
    ];
    for m in out.iter_mut().filter(|m| m.kind == EntityKind::Person) {
        let next = text[m.span.end..]
            .strip_prefix(' ')
            .and_then(|rest| rest.split(|c: char| !c.is_alphabetic()).next())
            .unwrap_or("");
        // "the" before a name and a lower-case word after it: the name says which thing the
        // phrase is ("the Agua Zarca hydroelectric dam", "the Goldman environmental prize")
        let the_before = text[..m.span.start]
            .strip_suffix(' ')
            .and_then(|t| t.split(|c: char| !c.is_alphabetic()).next_back())
            .is_some_and(|w| w.eq_ignore_ascii_case("the"));
        if next.starts_with(char::is_lowercase) && is_landmark_head(next) {
            m.kind = EntityKind::Place;
            m.source = "landmark".into();
        } else if GODS.contains(&m.text.as_str())
            || (the_before
                && next.starts_with(char::is_lowercase)
                && !FUNCTION_WORDS.contains(&next))
        {
            m.kind = EntityKind::Other;
        }
    }
}

/// A one-word place that is the last word of a person the report names in full, and not after
/// a word of place ("in", "to", "from" …), is that person called by it ("Pham Doan Trang" …
/// "Trang has been denied medical care"; not "she was taken to Trang").
fn names_of_persons(text: &str, out: &mut [Mention]) {
    let last_words: Vec<String> = out
        .iter()
        .filter(|m| m.kind == EntityKind::Person)
        .filter_map(|m| {
            let words: Vec<&str> = m.text.split_whitespace().collect();
            (words.len() >= 2).then(|| words[words.len() - 1].to_string())
        })
        .collect();
    for m in out.iter_mut().filter(|m| m.kind == EntityKind::Place) {
        let before = text[..m.span.start]
            .split_whitespace()
            .next_back()
            .unwrap_or("")
            .to_lowercase();
        if !m.text.contains(' ')
            && last_words.contains(&m.text)
            && !LOCATIVE.contains(&before.as_str())
        {
            m.kind = EntityKind::Person;
            m.source = "surname".into();
        }
    }
}

/// A person the report names in full is named so again where the word before a lone surname is
/// the rest of that name, even a word the tagger reads otherwise ("the detained activist Said
/// Aliev" … "Said Aliev was detained on 2 April": "Said" opening a sentence read as the verb left
/// "Aliev" alone, which the father "Magomed Aliev" then took).
fn full_names_again(doc: &Document, out: &mut [Mention]) {
    let text = doc.text.as_str();
    let full: HashSet<String> = out
        .iter()
        .filter(|m| m.kind == EntityKind::Person && m.text.contains(' '))
        .map(|m| m.text.clone())
        .collect();
    for m in out.iter_mut() {
        if m.kind != EntityKind::Person || m.text.contains(' ') {
            continue;
        }
        let before = text[..m.span.start].trim_end_matches(' ');
        if before.len() + 1 != m.span.start {
            continue;
        }
        let word_start = before
            .rfind(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        let name = format!("{} {}", &before[word_start..], m.text);
        if word_start < before.len() && full.contains(&name) {
            m.span = doc.span(word_start, m.span.end);
            m.text = name;
        }
    }
}

/// The country the gazetteer puts a place in, by the country's name ("Russia" for "Grozny");
/// None for a country, and for a place it does not know.
fn country_of(place: &str) -> Option<String> {
    let p = lexicon::place(place.trim_start_matches("the "))?;
    (p.kind != "country")
        .then(|| lexicon::country_by_code(&p.country))
        .flatten()
        .map(|c| c.name.clone())
}

/// The two unions of states English names by two capitals, "UN" and "EU" (with points or
/// without), as a noun, a possessive or before a noun ("the UN", "the UN's special
/// rapporteur", "an independent UN probe"): bodies that act in a case. Kept out of the runs
/// of capitalised words (a word of two capitals is rarely a name), and named in full so that
/// "United Nations" written out is the same body.
fn unions_of_states(doc: &Document, sentences: &[(usize, usize)], out: &mut Found) {
    static UNIONS: OnceLock<Regex> = OnceLock::new();
    let unions = re(&UNIONS, r"\b(?:UN|U\.N\.|EU|E\.U\.)(?:\b|\s)");
    for &(ss, se) in sentences {
        for m in unions.find_iter(&doc.text[ss..se]) {
            let t = m.as_str().trim_end();
            let (s, e) = (ss + m.start(), ss + m.start() + t.len());
            if doc.in_boilerplate(s, e) || taken(out, s, e) {
                continue;
            }
            let name = if t.starts_with('U') {
                "United Nations"
            } else {
                "European Union"
            };
            out.push(mention(
                doc,
                s,
                e,
                EntityKind::Organization,
                "union-of-states",
                Some(name.into()),
                0.7,
            ));
        }
    }
}

/// An organisation's name as the report's mentions of it share it: the table's form, else its
/// text without a leading "the".
pub fn org_name(m: &Mention) -> String {
    m.normalized.clone().unwrap_or_else(|| {
        let t = m.text.as_str();
        t.strip_prefix("The ")
            .or_else(|| t.strip_prefix("the "))
            .unwrap_or(t)
            .to_string()
    })
}

/// "the Post" after "The Washington Post", "the Court" after "the European Court of Human
/// Rights" in the same report: "the" and the noun that heads an organisation's name (its last
/// word, or the last before "of", "for", "against", "on", "in"), later in the report, name that
/// organisation again, when no other organisation of the report has that head and the word is
/// not the start of a longer name ("the Post Office").
fn short_forms(doc: &Document, out: &mut Vec<Mention>) {
    // last word → (where the organisation is first named, its name), in the words' order
    let mut by_last: std::collections::BTreeMap<String, Vec<(usize, String)>> = Default::default();
    for m in out.iter().filter(|m| m.kind == EntityKind::Organization) {
        let words: Vec<&str> = m.text.split_whitespace().collect();
        // the noun that heads the name: its last word, or the last before "of", "for",
        // "against", "on", "in" ("the Court" after "the European Court of Human Rights")
        let head = words
            .iter()
            .skip(1)
            .position(|w| matches!(*w, "of" | "for" | "against" | "on" | "in"))
            .map_or(words.len(), |p| p + 1);
        let Some(&last) = words[..head].last().filter(|_| words.len() >= 2) else {
            continue;
        };
        let capitalised = last.chars().next().is_some_and(char::is_uppercase);
        if !capitalised || last.chars().count() < 3 || !last.chars().all(char::is_alphabetic) {
            continue;
        }
        let full = org_name(m);
        let named = by_last.entry(last.to_string()).or_default();
        match named.iter_mut().find(|(_, f)| *f == full) {
            Some(first) => first.0 = first.0.min(m.span.end),
            None => named.push((m.span.end, full)),
        }
    }
    let mut found = Vec::new();
    for (last, named) in &by_last {
        let [(first_end, full)] = named.as_slice() else {
            continue;
        };
        for article in ["the ", "The "] {
            let needle = format!("{article}{last}");
            for (s, _) in doc.text.match_indices(&needle) {
                let e = s + needle.len();
                let before = doc.text[..s].chars().next_back();
                let after = doc.text[e..].trim_start_matches(' ');
                if s < *first_end
                    || before.is_some_and(char::is_alphanumeric)
                    || doc.text[e..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
                    || after.chars().next().is_some_and(char::is_uppercase)
                    || doc.in_boilerplate(s, e)
                {
                    continue;
                }
                let m = mention(
                    doc,
                    s,
                    e,
                    EntityKind::Organization,
                    "short-form",
                    Some(full.clone()),
                    0.7,
                );
                // the word alone may have been read already ("Post"): it is this short form
                let word_start = s + article.len();
                match out.iter().position(|o| o.span.start < e && s < o.span.end) {
                    Some(i) if out[i].span.start == word_start && out[i].span.end == e => {
                        out[i] = m
                    }
                    Some(_) => {}
                    None => found.push(m),
                }
            }
        }
    }
    if !found.is_empty() {
        out.extend(found);
        out.sort_by_key(|m| (m.span.start, m.span.end));
    }
}

/// One sense per document: a name written the same way more than once keeps one kind through
/// the report, the kind its surer readings give it (a weak guess of "organisation" for a name
/// that is clearly a place elsewhere in the report becomes a place).
fn one_sense(out: &mut [Mention]) {
    let mut by_text: HashMap<&str, Vec<(EntityKind, f32)>> = HashMap::new();
    for m in out.iter().filter(|m| m.kind != EntityKind::Group) {
        by_text
            .entry(m.text.as_str())
            .or_default()
            .push((m.kind, m.confidence));
    }
    let settled: HashMap<String, EntityKind> = by_text
        .into_iter()
        // only a clear winner settles the kind
        .filter_map(|(text, readings)| {
            casefile_names::clear_sense(readings).map(|k| (text.to_string(), k))
        })
        .collect();
    for m in out.iter_mut() {
        if let Some(&k) = settled.get(&m.text) {
            if m.kind != k && m.kind != EntityKind::Group {
                m.kind = k;
                m.source = "one-sense".into();
            }
        }
    }
}

/// Whether a span overlaps a name found already.
fn taken(out: &Found, s: usize, e: usize) -> bool {
    out.overlapping(s, e).next().is_some()
}

/// The mentions found so far, indexed by where they start, so asking what overlaps a span is a
/// lookup and not a pass over every mention: a long report has thousands, and the cost of
/// reading it must grow with its length, not with its square.
#[derive(Default)]
struct Found {
    list: Vec<Mention>,
    /// start → the mentions that start there (indices into `list`)
    by_start: std::collections::BTreeMap<usize, Vec<usize>>,
    /// the longest mention's length in bytes: no mention starting further back reaches a span
    longest: usize,
}

impl Found {
    fn push(&mut self, m: Mention) {
        self.longest = self.longest.max(m.span.end - m.span.start);
        self.by_start
            .entry(m.span.start)
            .or_default()
            .push(self.list.len());
        self.list.push(m);
    }

    /// The mentions that overlap `s..e` (indices into the list).
    fn overlapping(&self, s: usize, e: usize) -> impl Iterator<Item = usize> + '_ {
        self.by_start
            .range(s.saturating_sub(self.longest)..e)
            .flat_map(|(_, ids)| ids.iter().copied())
            .filter(move |&i| self.list[i].span.start < e && s < self.list[i].span.end)
    }

    /// The mention of exactly `s..e` made by `source`.
    fn at_mut(&mut self, s: usize, e: usize, source: &str) -> Option<&mut Mention> {
        let i = self
            .by_start
            .get(&s)?
            .iter()
            .copied()
            .find(|&i| self.list[i].span.end == e && self.list[i].source == source)?;
        Some(&mut self.list[i])
    }

    fn iter(&self) -> std::slice::Iter<'_, Mention> {
        self.list.iter()
    }
}

/// Whether the number after a run closes a body's name the noun before the run announces ("the
/// free-speech group Article 19", "the movement Charter 77").
fn number_closes_name(before: &str, next: Option<&&str>) -> bool {
    BODY_NOUNS.contains(&before.to_lowercase().as_str())
        && next.is_some_and(|w| w.len() <= 4 && w.chars().all(|c| c.is_ascii_digit()))
}

/// Runs of capitalised words, sentence by sentence, with the words around them and the title
/// in lower case before them ("lawyer Alexander Nemov").
fn runs(doc: &Document, sentences: &[(usize, usize)]) -> Vec<Run> {
    let text = doc.text.as_str();
    let title_span = doc
        .metadata
        .iter()
        .find(|m| m.field == "title")
        .and_then(|m| m.span);
    let mut runs: Vec<Run> = Vec::new();
    for &(ss, se) in sentences {
        let first_of_sentence = runs.len();
        let toks = tokens(text, ss, se);
        let words: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
        let long_words: Vec<&&str> = words
            .iter()
            .filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic))
            .collect();
        let capped = long_words.iter().filter(|w| is_cap(w)).count();
        let lower_long = long_words.len() - capped;
        let headline = title_span.is_some_and(|(a, b)| ss >= a && se <= b)
            || (long_words.len() >= 4
                && lower_long <= 1
                && !text[ss..se].trim_end().ends_with(['.', '!', '?', '"', '”']));
        let mut i = 0;
        while i < toks.len() {
            let w = words[i];
            if !is_cap(w) || doc.in_boilerplate(toks[i].start, toks[i].end) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < toks.len() && !doc.in_boilerplate(toks[j].start, toks[j].end) {
                let wj = words[j];
                let initial_stop = wj == "."
                    && toks[j].start == toks[j - 1].end
                    && words[j - 1].chars().count() == 1
                    && words[j - 1].chars().all(char::is_uppercase)
                    && j + 1 < toks.len()
                    && is_cap(words[j + 1]);
                if wj == "I" {
                    // the pronoun is never part of a name ("«Since I was …")
                    break;
                } else if initial_stop {
                    // "Steven T. Mnuchin": an initial's full stop stays inside the name
                    j += 1;
                } else if is_cap(wj) && !(not_a_name(&wj.to_lowercase()) && wj.len() > 3) {
                    j += 1;
                } else if matches!(wj, "'s" | "’s")
                    && j + 1 < toks.len()
                    && is_cap(words[j + 1])
                    && ORG_HEADS.contains(&words[j + 1].to_lowercase().as_str())
                {
                    // "the Public Prosecutor’s Office", "the People’s Court": one name
                    j += 2;
                } else if wj == "("
                    && j + 4 < toks.len()
                    && words[j + 2] == ")"
                    && words[j + 1] == initials(&words[i..j])
                    && matches!(words[j + 3], "of" | "for")
                    && is_cap(words[j + 4])
                    && joins(&words[i..j], &words[j + 4..], words[j + 3])
                {
                    // "the Supreme Court (SC) of Chechnya": a short form given inside the name
                    j += 5;
                } else if (matches!(
                    wj,
                    "of" | "for" | "al" | "&" | "and" | "on" | "against" | "or" | "to"
                ) || NAME_PARTICLES.contains(&wj))
                    && j + 1 < toks.len()
                    && is_cap(words[j + 1])
                    && joins(&words[i..j], &words[j + 1..], wj)
                {
                    j += 2;
                } else {
                    break;
                }
            }
            let prev = if i > 0 { words[i - 1] } else { "" };
            if number_closes_name(prev, words.get(j)) {
                j += 1;
            }
            // a bracket opens a sentence of its own, unless the run fills it: "(Central
            // Russia)" glosses a name, its capitals are the name's
            let gloss = prev == "(" && words.get(j) == Some(&")");
            let initial = i == 0
                || (!gloss
                    && matches!(
                        prev,
                        "“" | "\"" | "‘" | "«" | ":" | "(" | "—" | "–" | "-" | "•"
                    ));
            // "Mr. Ediyev": the word before is the abbreviation, not its period
            let before = if prev == "." && i > 1 && crate::text::is_abbreviation(words[i - 2]) {
                words[i - 2].to_lowercase()
            } else {
                prev.to_lowercase()
            };
            let after = words.get(j).map(|w| w.to_lowercase()).unwrap_or_default();
            runs.push(Run {
                toks: toks[i..j].to_vec(),
                initial,
                title: None,
                before,
                after,
                headline,
            });
            i = j;
        }
        // titles in lower case before a run: "lawyer Alexander Nemov", "spokesman Tim Roe"
        // (this sentence's runs only: a pass over every run so far would grow as the square)
        for r in runs[first_of_sentence..].iter_mut() {
            if r.title.is_none() && TITLES.contains(&r.before.as_str()) {
                r.title = Some(r.before.clone());
            }
        }
    }
    runs
}

/// A run trimmed: leading common words at a sentence's start and titles leave it (a title is
/// kept as the run's title), and trailing joiners; None when nothing is left.
fn trim(text: &str, mut r: Run) -> Option<Run> {
    let full = span_text(text, &r.toks).to_string();
    if outlets::is_known_name(&full) {
        // keep "The" only where it belongs to the name ("The Guardian")
        if r.toks.len() > 1
            && r.toks[0].text(text) == "The"
            && !outlets::all().iter().any(|o| o.name == full)
        {
            r.toks.remove(0);
        }
        return Some(r);
    }
    // long titles
    let lower = full.to_lowercase();
    if let Some(t) = LONG_TITLES
        .iter()
        .find(|t| lower.starts_with(*t) && lower.len() > t.len())
    {
        let n = t.split([' ', '-']).count();
        let n = r
            .toks
            .iter()
            .take_while(|k| k.end - r.toks[0].start <= t.len())
            .count()
            .max(n.min(r.toks.len()));
        r.title = Some(t.to_string());
        r.toks.drain(..n);
        r.initial = false;
    }
    while let Some(&first) = r.toks.first() {
        let w = first.text(text);
        let lw = w.to_lowercase();
        let st = word(w);
        let is_title = TITLES.contains(&lw.trim_end_matches('.'));
        let drop =
            (r.initial && st.common() && !st.given_name() && !ORG_HEADS.contains(&lw.as_str()))
                || not_a_name(&lw)
                || (is_title && r.toks.len() > 1)
                || matches!(lw.as_str(), "of" | "for" | "and" | "&");
        if !drop {
            break;
        }
        if is_title {
            r.title = Some(lw.clone());
            // "Leader of Chechnya": a role phrase; what follows "of" is a separate name
            if r.toks.len() > 2 && matches!(r.toks[1].text(text), "of" | "for" | "at") {
                r.title = None;
            }
        }
        r.before = lw;
        r.toks.remove(0);
        r.initial = false;
    }
    // a title inside the run ("Treasury Secretary Steven Mnuchin", "Saudi Crown Prince
    // Mohammed"): the name follows it; a run that ends in one ("Central Asia Director") names a
    // role, not anyone. Runs with an organisation's head word ("Ministry of Justice") keep theirs.
    let lower: Vec<String> = r.toks.iter().map(|t| t.text(text).to_lowercase()).collect();
    if !lower.iter().any(|w| ORG_HEADS.contains(&w.as_str())) {
        let last_title = lower
            .iter()
            .rposition(|w| TITLES.contains(&w.trim_end_matches('.')));
        match last_title {
            Some(k) if k + 1 == lower.len() && k > 0 => return None,
            Some(k) if k > 0 && word(r.toks[k + 1].text(text)).given_name() => {
                r.title = Some(lower[k].clone());
                r.toks.drain(..=k);
                r.initial = false;
            }
            _ => {}
        }
    }
    // trailing joiners
    while r
        .toks
        .last()
        .is_some_and(|t| matches!(t.text(text), "of" | "for" | "and" | "&"))
    {
        r.toks.pop();
    }
    (!r.toks.is_empty()).then_some(r)
}

/// Classify multi-word runs (outlets, organisations, places, persons by shape); returns the
/// single-word runs, to be classified against the names found.
fn classify_runs(doc: &Document, trimmed: Vec<Run>, out: &mut Found) -> Vec<Run> {
    let text = doc.text.as_str();
    let mut singles: Vec<Run> = Vec::new();
    for r in trimmed {
        let (s, e) = (r.toks[0].start, r.toks[r.toks.len() - 1].end);
        if taken(out, s, e) {
            continue;
        }
        let t = &text[s..e];
        if let Some((kind, source, norm)) = classify_outlet_org_place(t, &r) {
            out.push(mention(doc, s, e, kind, source, norm, 0.8));
            continue;
        }
        if r.toks.len() == 1 {
            singles.push(r);
            continue;
        }
        if r.headline {
            continue;
        }
        let ws: Vec<&str> = r.toks.iter().map(|k| k.text(text)).collect();
        let stats: Vec<_> = ws.iter().map(|w| word(w)).collect();
        if ws
            .iter()
            .any(|w| MISC_HEADS.contains(&w.to_lowercase().as_str()))
        {
            continue;
        }
        // an initial ("T." in "Steven T. Mnuchin") is part of a personal name's shape
        let initial = |w: &str| w.chars().count() == 1 && w.chars().all(char::is_uppercase);
        let inner = |i: usize| i > 0 && i + 1 < ws.len();
        let name_like = ws
            .iter()
            .enumerate()
            .filter(|(_, w)| **w != ".")
            .all(|(i, w)| {
                initial(w)
                    || (inner(i) && NAME_PARTICLES.contains(w))
                    || (is_cap(w)
                        && !all_caps(w)
                        && w.chars()
                            .all(|c| c.is_alphabetic() || c == '-' || c == '\''))
            });
        let any_common = stats.iter().any(|s| s.common());
        let demonyms = stats.iter().filter(|s| s.demonym()).count();
        if name_like
            && ws.len() <= 4
            && demonyms == 0
            && (r.title.is_some() || !any_common || stats[0].given_name())
        {
            out.push(mention(
                doc,
                s,
                e,
                EntityKind::Person,
                if r.title.is_some() {
                    "title"
                } else {
                    "name-shape"
                },
                None,
                0.7,
            ));
        } else if !r.initial && ws.len() <= 4 && any_common && demonyms < ws.len() {
            out.push(mention(
                doc,
                s,
                e,
                EntityKind::Organization,
                "capitalised-phrase",
                None,
                0.4,
            ));
        }
    }
    singles
}

/// Classify single capitalised words: a word of a person named in full, a titled name, or what
/// the word's counts in the CoNLL lexicon and a speech verb after it say.
fn classify_singles(doc: &Document, singles: Vec<Run>, out: &mut Found) {
    let text = doc.text.as_str();
    let persons: Vec<String> = out
        .iter()
        .filter(|m| m.kind == EntityKind::Person)
        .map(|m| m.text.clone())
        .collect();
    let person_words: HashSet<String> = persons
        .iter()
        .flat_map(|p| p.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .collect();
    // the first words of bodies' names of several words
    let body_words: HashSet<String> = out
        .iter()
        .filter(|m| m.kind == EntityKind::Organization && m.text.contains(' '))
        .filter_map(|m| m.text.split_whitespace().next())
        .filter(|w| !BODY_NOUNS.contains(&w.to_lowercase().as_str()))
        .map(str::to_string)
        .collect();
    for r in singles {
        let (s, e) = (r.toks[0].start, r.toks[0].end);
        if taken(out, s, e) {
            continue;
        }
        let w = &text[s..e];
        let st = word(w);
        let lw = w.to_lowercase();
        if not_a_name(&lw) || MISC_HEADS.contains(&lw.as_str()) || st.demonym() {
            continue;
        }
        if person_words.contains(w) {
            out.push(mention(doc, s, e, EntityKind::Person, "alias", None, 0.8));
            continue;
        }
        if r.headline || (r.initial && st.common()) || (all_caps(w) && st.org < 3) {
            continue;
        }
        // a word after a noun for a body, or a broadcaster's "TV" or "Radio", names that body
        // ("his employer TV Pirveli said", "the channel Dozhd")
        if (BODY_NOUNS.contains(&r.before.as_str()) || matches!(r.before.as_str(), "tv" | "radio"))
            && !st.common()
        {
            out.push(mention(
                doc,
                s,
                e,
                EntityKind::Organization,
                "described",
                None,
                0.6,
            ));
            continue;
        }
        // a word the training text has only in lower case, never as a name, is a common noun
        // capitalised to open the sentence ("Eyewitnesses said"), though rare
        let lower_only = st.lower > 0 && st.cap_mid == 0 && st.entity_total() == 0;
        let speech_after = matches!(
            r.after.as_str(),
            "said"
                | "says"
                | "told"
                | "added"
                | "tweeted"
                | "wrote"
                | "stated"
                | "explained"
                | "argued"
                | "claimed"
                | "insisted"
        );
        if r.title.is_some() && is_cap(w) && !all_caps(w) && !st.common() {
            out.push(mention(doc, s, e, EntityKind::Person, "title", None, 0.7));
        } else if st.per >= 3 && st.per > st.loc + st.org + st.misc && !st.common() {
            out.push(mention(doc, s, e, EntityKind::Person, "lexicon", None, 0.6));
        } else if st.org >= 3 && st.org > st.loc + st.per + st.misc && !st.common() {
            out.push(mention(
                doc,
                s,
                e,
                EntityKind::Organization,
                "lexicon",
                None,
                0.6,
            ));
        } else if speech_after && !st.common() && !lower_only && !all_caps(w) {
            // a word the training text knows as a place's or a body's name, never a person's,
            // that speaks is the body seated there ("The Kremlin said"); so is the first word
            // of a body's name the report gives in full ("Viasna said", of "the Viasna Human
            // Rights Centre")
            let body = (st.per == 0 && st.loc + st.org >= 3) || body_words.contains(w);
            let kind = match body {
                true => EntityKind::Organization,
                false => EntityKind::Person,
            };
            out.push(mention(doc, s, e, kind, "speech", None, 0.6));
        }
    }
}

/// A sentence that opens with the surname of a person the report names in full ("Ned Price …
/// Price said") names that person, though the word is also a common one ("price") and a
/// sentence's first word is capitalised whatever it is.
fn initial_surnames(doc: &Document, sentences: &[(usize, usize)], out: &mut Found) {
    let text = doc.text.as_str();
    let surnames: HashSet<String> = out
        .iter()
        .filter(|m| m.kind == EntityKind::Person)
        .filter_map(|m| {
            let mut words = m.text.split_whitespace();
            let first = words.next();
            words.last().filter(|_| first.is_some()).map(str::to_string)
        })
        .collect();
    for &(ss, se) in sentences {
        if doc.in_boilerplate(ss, se) {
            continue;
        }
        let toks = tokens(text, ss, se);
        let (Some(first), next) = (toks.first(), toks.get(1)) else {
            continue;
        };
        let w = first.text(text);
        let followed_by_name = next.is_some_and(|n| is_cap(n.text(text)));
        if surnames.contains(w) && !followed_by_name && !taken(out, first.start, first.end) {
            out.push(mention(
                doc,
                first.start,
                first.end,
                EntityKind::Person,
                "alias",
                None,
                0.7,
            ));
        }
    }
}

/// The statistical tagger's say: it settles the rules' weakest guesses (a capitalised phrase
/// taken for an organisation), and adds organisations and places, and persons of two or more
/// words, that the rules missed. Nationality words and headlines stay out.
fn tagger_pass(doc: &Document, sentences: &[(usize, usize)], out: &mut Found) {
    let text = doc.text.as_str();
    let model = crate::ner::shipped();
    let toks: Vec<Vec<Token>> = sentences.iter().map(|&(s, e)| tokens(text, s, e)).collect();
    let words: Vec<Vec<String>> = toks
        .iter()
        .map(|t| t.iter().map(|k| k.text(text).to_string()).collect())
        .collect();
    let all_tags = model.tag_document(&words);
    // persons the rules named in full: the same words elsewhere in the report are that person,
    // whatever the tagger reads there ("Berta Cáceres: Seven men convicted …", a title), and
    // so is their surname ("complicity in Caruana Galizia murder", of "Daphne Caruana Galizia")
    let persons: HashSet<String> = out
        .iter()
        .filter(|m| m.kind == EntityKind::Person && m.text.contains(' '))
        .flat_map(|m| {
            let surnames = m.text.char_indices().filter(|&(_, c)| c == ' ');
            std::iter::once(m.text.clone())
                .chain(surnames.map(|(i, _)| m.text[i + 1..].to_string()))
        })
        .collect();
    for (((&(ss, se), tk), ws), tags) in sentences.iter().zip(&toks).zip(&words).zip(all_tags) {
        if ws.is_empty() || doc.boilerplate.iter().any(|b| b.start <= ss && se <= b.end) {
            continue;
        }
        let long: Vec<&str> = ws
            .iter()
            .map(String::as_str)
            .filter(|w| w.chars().count() >= 4)
            .collect();
        let headline = long.len() >= 4 && long.iter().filter(|w| !is_cap(w)).count() <= 1;
        for (a, b, ty) in crate::ner::conll::spans(&tags) {
            let (s, e) = (tk[a].start, tk[b - 1].end);
            if doc.in_boilerplate(s, e) {
                continue;
            }
            let shares_surname = b == a + 1 && given_name_sharing_surname(ws, a);
            let kind = match ty.as_str() {
                _ if persons.contains(&text[s..e]) || shares_surname => EntityKind::Person,
                "PER" => EntityKind::Person,
                "ORG" => EntityKind::Organization,
                "LOC" => EntityKind::Place,
                _ => EntityKind::Other,
            };
            // settle a weak rule guess on the same span
            if let Some(m) = out.at_mut(s, e, "capitalised-phrase") {
                if kind == EntityKind::Other {
                    m.kind = EntityKind::Other;
                } else {
                    m.kind = kind;
                    m.source = "tagger".into();
                }
                continue;
            }
            if kind == EntityKind::Other || taken(out, s, e) {
                continue;
            }
            let words_in: Vec<&str> = ws[a..b].iter().map(String::as_str).collect();
            let demonym = words_in.iter().all(|w| word(w).demonym());
            let first_common = a == 0 && word(words_in[0]).common();
            if demonym
                || headline
                || first_common
                || words_in.iter().any(|w| not_a_name(&w.to_lowercase()))
            {
                continue;
            }
            // single words need the lexicon's support; persons must look like names
            if words_in.len() == 1 && !shares_surname && !lone_word_kept(ws, a, b, kind) {
                continue;
            }
            if kind == EntityKind::Person
                && words_in.iter().any(|w| {
                    word(w).common()
                        || MISC_HEADS.contains(&w.to_lowercase().as_str())
                        || !is_cap(w)
                })
            {
                continue;
            }
            if words_in
                .iter()
                .any(|w| MISC_HEADS.contains(&w.to_lowercase().as_str()))
            {
                continue;
            }
            out.push(mention(doc, s, e, kind, "tagger", None, 0.5));
        }
    }
}

/// Whether word `ws[a]` is a given name before "and" and a person's given name and surname,
/// sharing that surname ("the brothers Alfred and George Degiorgio"): a person, whatever the
/// tagger reads it as.
fn given_name_sharing_surname(ws: &[String], a: usize) -> bool {
    let given = |w: &String| {
        let st = word(w);
        is_cap(w) && st.per_first > 0 && st.per_first >= st.org + st.loc && !st.common()
    };
    given(&ws[a])
        && ws.get(a + 1).is_some_and(|w| w == "and")
        && ws.get(a + 2).is_some_and(given)
        && ws
            .get(a + 3)
            .is_some_and(|w| is_cap(w) && !word(w).common())
}

/// Whether the tagger's reading of the one word `ws[a..b]` as `kind` stands: the lexicon
/// supports it, or it is a lone person's name standing as a clause's subject does; not a place
/// word that describes the noun after it.
fn lone_word_kept(ws: &[String], a: usize, b: usize, kind: EntityKind) -> bool {
    let words_in: Vec<&str> = ws[a..b].iter().map(String::as_str).collect();
    let st = word(words_in[0]);
    // a lone word the tagger reads as a person's, standing as a clause's subject
    // does ("say Putin has turned", "Azimova, with whom"): a name the lexicon knows
    // as nothing else, written as names are, not after a preposition or an
    // article ("in Marevo", "on the Telegram app") nor before a noun it names
    // ("Telegram channel")
    const AFTER: &[&str] = &[
        ",", "has", "had", "have", "is", "was", "will", "would", "could", "did", "does", "said",
        "says", "told",
    ];
    let next = ws.get(b).map(|w| w.to_lowercase());
    let prev = a.checked_sub(1).map(|i| ws[i].to_lowercase());
    let lone_person = kind == EntityKind::Person
        && st.org + st.loc + st.misc == 0
        && !st.common()
        && !all_caps(words_in[0])
        && words_in[0].chars().count() >= 4
        && next.as_ref().is_some_and(|n| AFTER.contains(&n.as_str()))
        && prev
            .as_ref()
            .is_none_or(|p| !LOCATIVE.contains(&p.as_str()) && !is_determiner(p));
    if !lone_person && (st.per + st.org + st.loc < 2 || st.common() || kind == EntityKind::Person) {
        return false;
    }
    // a lone word before a lower-case word it describes, not after "in", "from",
    // "near": a word used of a thing ("Saudi Arabia's Western allies", "the
    // Hollywood movie"), not a place the report places anything in
    let describes = next.as_deref().is_some_and(|n| {
        n.chars().next().is_some_and(char::is_alphabetic)
            && ws[b].chars().next().is_some_and(char::is_lowercase)
            && !matches!(
                n,
                "and" | "or" | "of" | "on" | "in" | "to" | "for" | "is" | "was"
            )
    });
    if kind == EntityKind::Place
        && describes
        && prev
            .as_ref()
            .is_none_or(|p| !LOCATIVE.contains(&p.as_str()))
    {
        return false;
    }
    true
}

fn classify_outlet_org_place(
    t: &str,
    r: &Run,
) -> Option<(EntityKind, &'static str, Option<String>)> {
    if outlets::is_known_name(t) {
        return Some((EntityKind::Organization, "outlet-table", None));
    }
    // a common noun for a body right before the name says what it names ("the independent
    // outlet Nasha Niva", "the newspaper Novaya Gazeta")
    if BODY_NOUNS.contains(&r.before.as_str()) {
        return Some((EntityKind::Organization, "described", None));
    }
    let words: Vec<String> = t.split_whitespace().map(|w| w.to_lowercase()).collect();
    let org_head = words.iter().any(|w| ORG_HEADS.contains(&w.as_str()));
    // a headline capitalises every word: there a name ends at its head ("Chechen Court
    // Sentences Mother of Prominent Activist" names no body), or at "of" and at most three
    // words more ("Ministry of Justice", "European Court of Human Rights")
    let head_ends = |ws: &[String]| {
        let n = ws.len();
        ORG_HEADS.contains(&ws[n - 1].as_str())
            || (0..n.saturating_sub(2)).any(|i| {
                ORG_HEADS.contains(&ws[i].as_str()) && ws[i + 1] == "of" && n - (i + 2) <= 3
            })
    };
    if r.headline && org_head && !head_ends(&words) {
        return None;
    }
    if org_head
        && (words.len() >= 2 || r.before == "the" && !r.initial)
        && !words.iter().any(|w| MISC_HEADS.contains(&w.as_str()))
    {
        return Some((EntityKind::Organization, "org-head", None));
    }
    if landmark(&words) && !words.iter().any(|w| MISC_HEADS.contains(&w.as_str())) {
        return Some((EntityKind::Place, "landmark", None));
    }
    if let Some(p) = lexicon::place(t) {
        let cue = LOCATIVE.contains(&r.before.as_str()) || r.after == ",";
        // a common word before a lower-case word it describes, with nothing placing anything
        // in it, is that word, not a place ("Saudi Arabia's Western allies")
        let describes = words.len() == 1
            && word(t).common()
            && r.after.chars().next().is_some_and(char::is_alphabetic)
            && !matches!(r.after.as_str(), "and" | "or" | "of" | "is" | "was" | "has");
        if describes && !cue {
            return None;
        }
        if p.kind != "city" || p.population >= 100_000 || cue {
            return Some((
                EntityKind::Place,
                "gazetteer",
                (p.name != t).then(|| p.name.clone()),
            ));
        }
    }
    if words.len() >= 2 {
        if let Some(p) = lexicon::place_near(t) {
            return Some((EntityKind::Place, "gazetteer-near", Some(p.name.clone())));
        }
    }
    None
}

/// The prosecution, a party to proceedings though no one names it: "the state prosecutor",
/// "prosecutors" (not "Saudi prosecutors", a body of its own, nor "the prosecutor's office", an
/// institution), one organisation ("prosecution").
fn prosecution(doc: &Document, ss: usize, se: usize, out: &mut Found) {
    static PROSECUTION: OnceLock<Regex> = OnceLock::new();
    let text = &doc.text[ss..se];
    let prosecution = re(
        &PROSECUTION,
        r"\b(?:(?:state|public|chief|deputy|regional|district)\s+)?(?:prosecutors?|prosecution)\b",
    );
    for m in prosecution.find_iter(text) {
        let before = text[..m.start()].trim_end_matches(' ');
        let prev = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let after = text[m.end()..].trim_start();
        let (s, e) = (ss + m.start(), ss + m.end());
        // a capitalised word before it names whose prosecutors they are ("Saudi"), an article
        // at the sentence's start does not
        let named_before =
            prev.starts_with(char::is_uppercase) && !matches!(prev, "The" | "A" | "An");
        if named_before
            || after.starts_with("'s office")
            || after.starts_with("’s office")
            || after.starts_with("general")
            || after.starts_with(char::is_uppercase)
            || doc.in_boilerplate(s, e)
            || taken(out, s, e)
        {
            continue;
        }
        let norm = Some("prosecution".to_string());
        out.push(mention(
            doc,
            s,
            e,
            EntityKind::Organization,
            "institution",
            norm,
            0.6,
        ));
    }
}

/// A country's embassy or consulate, a place one enters and is held or killed in: "the Saudi
/// consulate in Istanbul", "the Russian embassy", "the Consulate General of Saudi Arabia in
/// Istanbul", "the US Embassy in Kyiv". The country is a nationality word, a country's name or
/// its code; a city after "in" is part of the name (two embassies of one country in two cities
/// are two places), a country after "in" is not. Every form of one mission shares one name,
/// "Consulate of Saudi Arabia in Istanbul", so the reports' different wordings meet.
fn missions(doc: &Document, ss: usize, se: usize, out: &mut Found) {
    static BEFORE: OnceLock<Regex> = OnceLock::new();
    static OF: OnceLock<Regex> = OnceLock::new();
    let text = &doc.text[ss..se];
    // groups: the country, the kind, "general", the city
    let before = re(
        &BEFORE,
        r"\b((?:[A-Z][\p{L}]+|(?:[A-Z]\.){2}|[A-Z]{2})(?:\s+[A-Z][\p{L}]+)?)\s+((?i:consulate|embassy))(?:[\s-]+((?i:general)))?\b(?:\s+in\s+([A-Z][\p{L}-]+(?:\s+[A-Z][\p{L}-]+)?))?",
    );
    // groups: the kind, "general", the country, the city
    let of = re(
        &OF,
        r"\b((?i:consulate|embassy))(?:[\s-]+((?i:general)))?\s+of\s+((?:the\s+)?[A-Z][\p{L}]+(?:\s+[A-Z][\p{L}]+){0,2})(?:\s+in\s+([A-Z][\p{L}-]+(?:\s+[A-Z][\p{L}-]+)?))?\b",
    );
    let mut push = |c: &regex::Captures, [land_at, kind_at, general, city]: [usize; 4]| {
        let Some(land) = mission_country(&c[land_at]) else {
            return;
        };
        let kind = if c[kind_at].eq_ignore_ascii_case("embassy") {
            "Embassy"
        } else {
            "Consulate"
        };
        // a city after "in" names which of the country's missions; a country does not. Of
        // two capitalised words, the second is the city's only when the gazetteer knows both
        // ("in New York"; not "in Istanbul Tuesday")
        let city = c.get(city).map(|m| match m.as_str().split_once(' ') {
            Some((first, _)) if lexicon::place(m.as_str()).is_none() => {
                (first, m.start() + first.len())
            }
            _ => (m.as_str(), m.end()),
        });
        let city = city.filter(|(x, _)| lexicon::place(x).is_none_or(|p| p.kind != "country"));
        let whole = c.get(0).expect("match");
        let start = ["The ", "the "]
            .iter()
            .find(|a| whole.as_str().starts_with(*a))
            .map_or(whole.start(), |a| whole.start() + a.len());
        let group_end = |i: usize| c.get(i).expect("group").end();
        let end = match (city, c.get(general)) {
            (Some((_, end)), _) => end,
            // "the Embassy of France in Germany": up to the country, when it comes last
            (None, _) if land_at > kind_at => group_end(land_at),
            (None, Some(g)) => g.end(),
            (None, None) => group_end(kind_at),
        };
        let (s, e) = (ss + start, ss + end);
        if doc.in_boilerplate(s, e) || taken(out, s, e) {
            return;
        }
        let name = match city {
            Some((x, _)) => format!("{kind} of {land} in {x}"),
            None => format!("{kind} of {land}"),
        };
        out.push(mention(
            doc,
            s,
            e,
            EntityKind::Place,
            "mission",
            Some(name),
            0.7,
        ));
    };
    for c in before.captures_iter(text) {
        push(&c, [1, 2, 3, 4]);
    }
    for c in of.captures_iter(text) {
        push(&c, [3, 1, 2, 4]);
    }
}

/// The country a mission belongs to, from a nationality word, a country's name or its code
/// ("Saudi" → Saudi Arabia, "Turkish" → Turkey: the country whose name begins as the word does,
/// for four letters or more, the most populous); a nationality no country's name begins with
/// stays as it is ("French"). None when the words name no country.
fn mission_country(words: &str) -> Option<String> {
    let w = ["The ", "the "]
        .iter()
        .find_map(|a| words.strip_prefix(a))
        .unwrap_or(words);
    if let Some(p) = lexicon::place(w)
        .filter(|p| p.kind == "country")
        .or_else(|| lexicon::country_by_code(w))
    {
        return Some(p.name.clone());
    }
    let nationality =
        w.split_whitespace().all(|x| word(x).demonym()) || (!w.contains(' ') && country_word(w));
    if !nationality {
        return None;
    }
    let lower = w.to_lowercase();
    let shared = |name: &str| {
        lower
            .chars()
            .zip(name.to_lowercase().chars())
            .take_while(|(a, b)| a == b)
            .count()
    };
    Some(
        lexicon::countries()
            .filter(|p| shared(&p.name) >= 4)
            .max_by_key(|p| (shared(&p.name), p.population))
            .map_or_else(|| w.to_string(), |p| p.name.clone()),
    )
}

/// Whether a capitalised word is a country's adjective the counts of the lexicon do not know:
/// it begins with a country's one-word name less its last vowel, and goes on ("Belarusian",
/// "Ukrainian", "Kenyan").
fn country_word(w: &str) -> bool {
    let lower = w.to_lowercase();
    is_cap(w)
        && lexicon::countries().any(|p| {
            let n = p.name.to_lowercase();
            let stem = n
                .strip_suffix(['a', 'e', 'i', 'o', 'y'])
                .unwrap_or(n.as_str());
            stem.chars().count() >= 4
                && !n.contains(' ')
                && lower.len() > stem.len()
                && lower.starts_with(stem)
        })
}

/// Names written in lower case, and phrases whose shape says what they are.
fn patterns(doc: &Document, ss: usize, se: usize, out: &mut Found) {
    static DESCRIPTIVE: OnceLock<Regex> = OnceLock::new();
    static INSTITUTION: OnceLock<Regex> = OnceLock::new();
    static ADMIN: OnceLock<Regex> = OnceLock::new();
    static CITY_OF: OnceLock<Regex> = OnceLock::new();
    static GROUP: OnceLock<Regex> = OnceLock::new();
    let text = &doc.text[ss..se];
    let descriptive = re(
        &DESCRIPTIVE,
        r"\b([A-Z][a-z]+|(?:[A-Z]\.){2}|[A-Z]{2})((?:\s+(?:special|riot|federal|local|regional|state|security|secret|military|border|traffic|transport|national|interior|public|chief))*\s+(?:police|authorities|officials|government|security\s+services|security\s+forces|law\s+enforcement|forces|troops|prosecutors?|investigators|army|military))\b",
    );
    let institution = re(
        &INSTITUTION,
        r"\b(?:([A-Z][a-z]+)\s+)?(investigative committee|interior ministry|foreign ministry|justice ministry|defen[cs]e ministry|(?:(?:chief|public|state|general|district|regional|city)\s+)?prosecutor(?:’s|'s)? office|prosecutor general(?:’s|'s)? office|supreme court|constitutional court|federal security service|royal court|royal family)\b",
    );
    let admin = re(
        &ADMIN,
        r"\b((?:[A-Z][\p{L}-]+\s+){0,2}[A-Z][\p{L}-]+)\s+(district|region|province|oblast|republic|county|governorate|krai|raion|municipality)\b(\s+courts?\b)?",
    );
    let city_of = re(
        &CITY_OF,
        r"\b(?:city|town|village|settlement|republic|region)\s+of\s+((?:[A-Z][\p{L}-]+\s+){0,2}[A-Z][\p{L}-]+)",
    );
    let group = re(
        &GROUP,
        r"(?i)\b(the\s+two\s+(?:young\s+|gay\s+|chechen\s+)*(?:men|women|brothers|activists)|the\s+pair|both\s+men|the\s+(?:gay\s+)?men|two\s+(?:gay\s+)?(?:chechen\s+)?men)\b",
    );
    let push = |out: &mut Found, s: usize, e: usize, kind, source: &str, norm: Option<String>| {
        let (s, e) = (ss + s, ss + e);
        if !doc.in_boilerplate(s, e) && !taken(out, s, e) {
            out.push(mention(doc, s, e, kind, source, norm, 0.6));
        }
    };
    for c in descriptive.captures_iter(text) {
        let adj = c.get(1).expect("group");
        let st = word(adj.as_str());
        // a nationality, a country or region, or a country's code ("U.S. officials")
        if st.demonym()
            || country_word(adj.as_str())
            || lexicon::place(adj.as_str()).is_some_and(|p| p.kind != "city")
            || lexicon::country_by_code(adj.as_str()).is_some()
        {
            let m = c.get(0).expect("match");
            push(
                out,
                m.start(),
                m.end(),
                EntityKind::Organization,
                "descriptive",
                None,
            );
        }
    }
    prosecution(doc, ss, se, out);
    missions(doc, ss, se, out);
    for c in institution.captures_iter(text) {
        let m = c.get(2).expect("group");
        // with the nationality in front when there is one ("Saudi royal family")
        let start = c
            .get(1)
            .filter(|adj| word(adj.as_str()).demonym())
            .map_or(m.start(), |adj| adj.start());
        push(
            out,
            start,
            m.end(),
            EntityKind::Organization,
            "institution",
            None,
        );
    }
    for c in admin.captures_iter(text) {
        let name = c.get(1).expect("group");
        // drop an article or a nationality word: "The Urus-Martanovsky district"
        let mut s = name.start();
        for w in name.as_str().split_whitespace() {
            if matches!(w, "The" | "A" | "An") || word(w).demonym() || !is_cap(w) {
                s += w.len() + 1;
            } else {
                break;
            }
        }
        let m = c.get(0).expect("match");
        if s >= name.end() {
            continue;
        }
        if c.get(3).is_some() {
            // the unit's court is a body, not a place: "the Akhmatovsky district court"
            push(out, s, m.end(), EntityKind::Organization, "court", None);
        } else {
            let norm = lexicon::place(&text[s..name.end()]).map(|p| p.name.clone());
            push(out, s, m.end(), EntityKind::Place, "admin-unit", norm);
        }
    }
    for c in city_of.captures_iter(text) {
        let m = c.get(1).expect("group");
        let norm = lexicon::place(m.as_str())
            .or_else(|| lexicon::place_near(m.as_str()))
            .map(|p| p.name.clone())
            .filter(|n| n != m.as_str());
        push(out, m.start(), m.end(), EntityKind::Place, "city-of", norm);
    }
    for c in group.captures_iter(text) {
        let m = c.get(1).expect("group");
        push(out, m.start(), m.end(), EntityKind::Group, "group", None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sentences;

    fn doc(text: &str) -> Document {
        casefile_ingest_free_doc(text)
    }

    /// A bare document for tests (no ingest dependency).
    fn casefile_ingest_free_doc(text: &str) -> Document {
        Document::from_text("d", "d.txt", text)
    }

    fn names(text: &str) -> Vec<(EntityKind, String)> {
        let d = doc(text);
        find(&d, &sentences(text))
            .into_iter()
            .map(|m| (m.kind, m.text))
            .collect()
    }

    /// A word the gazetteer knows as a place, used alone for a person the report names in
    /// full, is that person; after a word of place it stays a place.
    #[test]
    fn a_persons_name_alone_is_no_place() {
        let text = "Police arrested the blogger Pham Doan Trang in Hanoi. Trang has been denied medical care. Her mother travelled to Trang.";
        let got = names(text);
        let kinds: Vec<EntityKind> = got
            .iter()
            .filter(|(_, t)| t == "Trang")
            .map(|(k, _)| *k)
            .collect();
        assert_eq!(kinds, [EntityKind::Person, EntityKind::Place], "{got:?}");
    }

    /// A god named in the name of an offence is no person.
    #[test]
    fn a_god_is_no_person() {
        let got = names("A court convicted Oleg Marchenko of waging war against God in May.");
        assert!(
            got.iter()
                .any(|(k, t)| *k == EntityKind::Person && t == "Oleg Marchenko"),
            "{got:?}"
        );
        assert!(!got.iter().any(|(_, t)| t == "God"), "{got:?}");
    }

    /// A name keeps the kind its surer readings give it through the report; an even split
    /// settles nothing.
    #[test]
    fn one_sense_per_document() {
        let m = |text: &str, kind, confidence| Mention {
            span: casefile_model::Span::new("d", 0, 1),
            text: text.into(),
            kind,
            normalized: None,
            source: "t".into(),
            confidence,
            in_country: None,
        };
        let (o, p) = (EntityKind::Organization, EntityKind::Place);
        let mut out = vec![
            m("Belgrano", p, 0.9),
            m("Belgrano", o, 0.4),
            m("Reading", p, 0.6),
            m("Reading", o, 0.6),
        ];
        one_sense(&mut out);
        let kinds: Vec<EntityKind> = out.iter().map(|x| x.kind).collect();
        assert_eq!(kinds, [p, p, p, o]);
        assert_eq!(out[1].source, "one-sense");
    }

    /// A park, a gorge, a palace or a German compound place name is a place, never a person.
    #[test]
    fn landmarks_are_places() {
        let cases = [
            (
                "He was shot in the Kleiner Tiergarten on Friday.",
                "Kleiner Tiergarten",
            ),
            (
                "Protesters gathered in Cal Anderson Park last night.",
                "Cal Anderson Park",
            ),
            ("He fought in the Pankisi Gorge for years.", "Pankisi Gorge"),
            // a name before a lower-case word for such a place
            (
                "He was moved to solitary confinement in Rajai Shahr prison in Karaj.",
                "Rajai Shahr",
            ),
            (
                "A statement came from the Saudi Royal Palace on Monday.",
                "Saudi Royal Palace",
            ),
        ];
        for (text, name) in cases {
            let got = names(text);
            assert!(
                got.iter().any(|(k, t)| *k == EntityKind::Place
                    && t.ends_with(name.split(' ').next_back().unwrap())),
                "{name} in “{text}”: {got:?}"
            );
            assert!(
                !got.iter()
                    .any(|(k, t)| *k == EntityKind::Person && name.contains(t.as_str())),
                "{name} as a person: {got:?}"
            );
        }
    }

    /// A person's name and the body they speak for, joined by "of", are two names.
    #[test]
    fn a_person_of_a_body_is_two_names() {
        let got = names("\"This is a farce,\" said Andrew Gardner of Amnesty International.");
        assert!(
            got.contains(&(EntityKind::Person, "Andrew Gardner".to_string())),
            "{got:?}"
        );
        assert!(
            got.contains(&(
                EntityKind::Organization,
                "Amnesty International".to_string()
            )),
            "{got:?}"
        );
    }

    /// Two bodies' whole names joined by "and" are two names.
    #[test]
    fn two_bodies_joined_by_and_are_two_names() {
        let got = names("The European Union and Amnesty International called for his release.");
        for body in ["European Union", "Amnesty International"] {
            assert!(
                got.contains(&(EntityKind::Organization, body.to_string())),
                "{body}: {got:?}"
            );
        }
    }

    /// A name the rules read as a person's in full is that person wherever the tagger reads it
    /// otherwise in the report (a title), and so is its surname. (report, first line its title;
    /// words no other kind may have)
    #[test]
    fn a_person_named_in_full_is_that_person_in_the_title() {
        for (text, words) in [
            (
                "Berta Cáceres: Seven men convicted of murdering Honduran activist\n\nA court in Honduras has convicted seven men of the murder of the environmental activist Berta Cáceres in March 2016.",
                "Berta Cáceres",
            ),
            (
                "Businessman charged with complicity in Caruana Galizia murder\n\nThe journalist Daphne Caruana Galizia was killed by a car bomb in October 2017.",
                "Caruana Galizia",
            ),
        ] {
            let d = casefile_ingest::ingest("r.txt", text.as_bytes()).expect("ingest");
            let got: Vec<(EntityKind, String)> = find(&d, &sentences(&d.text))
                .into_iter()
                .map(|m| (m.kind, m.text))
                .collect();
            assert!(
                !got.iter()
                    .any(|(k, t)| *k != EntityKind::Person && t == words),
                "{words}: {got:?}"
            );
        }
    }

    /// What a name is, read from the report: a word after a noun for a body names that body; a
    /// plural common noun opening a sentence before "said" names no one; the first word of a
    /// body's name the report gives in full, speaking alone, is the body; a given name before
    /// "and" and a given name and surname shares that surname, a person. (text, kind, words,
    /// whether the report has that name of that kind)
    #[test]
    fn what_a_name_is_read_from_the_report() {
        const BEATEN: &str = "The cameraman was beaten on Monday, his employer TV Pirveli said. Eyewitnesses said dozens of journalists were attacked.";
        for (text, kind, word, want) in [
            (BEATEN, EntityKind::Organization, "Pirveli", true),
            (BEATEN, EntityKind::Person, "Pirveli", false),
            (BEATEN, EntityKind::Person, "Eyewitnesses", false),
            (
                "The founder of the Viasna Human Rights Centre was jailed. Viasna said the trial was unfair.",
                EntityKind::Organization,
                "Viasna",
                true,
            ),
            (
                "Three of them, the brothers Alfred and George Degiorgio, were charged with murder on Tuesday.",
                EntityKind::Person,
                "Alfred",
                true,
            ),
        ] {
            let got = names(text);
            assert_eq!(
                got.contains(&(kind, word.to_string())),
                want,
                "{kind:?} {word} in {text}: {got:?}"
            );
        }
    }

    /// A name between "the" and a lower-case word says which thing the phrase names: no person.
    #[test]
    fn a_name_that_says_which_thing_is_no_person() {
        let got = names(
            "She opposed the Agua Zarca hydroelectric dam. Berta Flores said she was threatened. Once again, the Ivan Dorn and Oleg Marchenko have been detained.",
        );
        assert!(
            !got.iter()
                .any(|(k, t)| *k == EntityKind::Person && t == "Agua Zarca"),
            "{got:?}"
        );
        for person in ["Berta Flores", "Ivan Dorn"] {
            assert!(
                got.contains(&(EntityKind::Person, person.to_string())),
                "{person}: {got:?}"
            );
        }
    }

    /// A country's embassy or consulate is a place, every wording of one mission sharing one
    /// name: the city after "in" is part of it, a country after "in" is not.
    #[test]
    fn embassies_and_consulates_are_places() {
        let cases = [
            (
                "He entered the Saudi consulate in Istanbul on Tuesday.",
                "Saudi consulate in Istanbul",
                "Consulate of Saudi Arabia in Istanbul",
            ),
            (
                "He walked into the Consulate General of Saudi Arabia in Istanbul.",
                "Consulate General of Saudi Arabia in Istanbul",
                "Consulate of Saudi Arabia in Istanbul",
            ),
            (
                "Protesters gathered outside the Turkish embassy on Monday.",
                "Turkish embassy",
                "Embassy of Turkey",
            ),
            (
                "She sought refuge at the US Embassy in Kyiv last week.",
                "US Embassy in Kyiv",
                "Embassy of United States in Kyiv",
            ),
            (
                "He was detained outside the Belarusian embassy in Vilnius.",
                "Belarusian embassy in Vilnius",
                "Embassy of Belarus in Vilnius",
            ),
            (
                "He was killed in the Saudi consulate in Turkey.",
                "Saudi consulate",
                "Consulate of Saudi Arabia",
            ),
            (
                "The Saudi consulate in Istanbul Tuesday denied it.",
                "Saudi consulate in Istanbul",
                "Consulate of Saudi Arabia in Istanbul",
            ),
        ];
        for (text, span, name) in cases {
            let d = doc(text);
            let got = find(&d, &sentences(text));
            assert!(
                got.iter().any(|m| m.kind == EntityKind::Place
                    && m.text == span
                    && m.normalized.as_deref() == Some(name)),
                "{span} in “{text}”: {got:?}"
            );
        }
        // a word no country is named by makes no mission
        assert!(!names("The Security embassy of the building.")
            .iter()
            .any(|(k, _)| *k == EntityKind::Place));
    }

    /// A district's court is a body, not a place; "UN" and "EU" are the unions of states.
    #[test]
    fn a_district_court_and_the_un() {
        let got = names("The Akhmatovsky district court of Grozny sentenced her.");
        assert!(
            got.contains(&(
                EntityKind::Organization,
                "Akhmatovsky district court".into()
            )),
            "{got:?}"
        );
        assert!(
            !got.iter().any(|(_, t)| t == "Akhmatovsky district"),
            "{got:?}"
        );
        let text = "An independent UN probe found it, and the EU's envoy agreed.";
        let d = doc(text);
        let got = find(&d, &sentences(text));
        for (span, name) in [("UN", "United Nations"), ("EU", "European Union")] {
            assert!(
                got.iter().any(|m| m.kind == EntityKind::Organization
                    && m.text == span
                    && m.normalized.as_deref() == Some(name)),
                "{span}: {got:?}"
            );
        }
    }

    /// A common noun for a body right before a name says it names one; a body's name goes on
    /// through its remit.
    #[test]
    fn bodies_by_the_noun_before_them() {
        for (text, name) in [
            (
                "The Working Group on Enforced or Involuntary Disappearances requested information.",
                "Working Group on Enforced or Involuntary Disappearances",
            ),
            (
                "The Committee against Torture said on Monday that he was beaten.",
                "Committee against Torture",
            ),
            (
                "The Committee to Protect Journalists called for an investigation.",
                "Committee to Protect Journalists",
            ),
            ("He ran the news site Voz del Golfo.", "Voz del Golfo"),
            // a day after "on" is no remit
            ("The Shali City Court on Wednesday sentenced her.", "Shali City Court"),
            (
                "Kozlov has worked for the independent outlet Nasha Niva since 2014.",
                "Nasha Niva",
            ),
            (
                "Police have detained hundreds, according to the rights group Viasna.",
                "Viasna",
            ),
            (
                "The human rights centre Viasna said he was arrested.",
                "Viasna",
            ),
            (
                "He was denied a lawyer, according to the free-speech group Article 19.",
                "Article 19",
            ),
        ] {
            let got = names(text);
            assert!(
                got.iter()
                    .any(|(k, t)| *k == EntityKind::Organization && t == name),
                "{name} in “{text}”: {got:?}"
            );
        }
    }

    /// A feature of the land or sea keeps the name after its "of" ("the Sea of Marmara"); a
    /// word a place is also called, used of a thing ("Western allies", "Kremlin critics"),
    /// names no place.
    #[test]
    fn places_by_what_the_words_do() {
        for (text, place, not_place) in [
            (
                "Police searched a city near the Sea of Marmara for his remains.",
                Some("Sea of Marmara"),
                None,
            ),
            (
                "His death stunned Saudi Arabia's Western allies.",
                Some("Saudi Arabia"),
                Some("Western"),
            ),
            (
                "Musaeva is the mother of two prominent Kremlin critics.",
                None,
                Some("Kremlin"),
            ),
            (
                "They live in Western Sahara now.",
                Some("Western Sahara"),
                None,
            ),
        ] {
            let got = names(text);
            let places: Vec<&str> = got
                .iter()
                .filter(|(k, _)| *k == EntityKind::Place)
                .map(|(_, t)| t.as_str())
                .collect();
            if let Some(p) = place {
                assert!(places.contains(&p), "{p} in “{text}”: {got:?}");
            }
            if let Some(p) = not_place {
                assert!(!places.contains(&p), "{p} in “{text}”: {got:?}");
            }
        }
    }

    /// Lower-case particles inside a personal name keep it one name.
    #[test]
    fn name_particles_stay_inside_a_name() {
        let got = names(
            "Officials, including Crown Prince Mohammed bin Salman, denied it. \
             The painter Vincent van Gogh lived in Arles. Ana dos Santos was detained on Monday.",
        );
        let has = |t: &str| {
            got.iter()
                .any(|(k, tt)| *k == EntityKind::Person && tt == t)
        };
        for p in ["Mohammed bin Salman", "Vincent van Gogh", "Ana dos Santos"] {
            assert!(has(p), "{p}: {got:?}");
        }
        // not between names: no join
        let got = names("The Ministry of Justice said the case was closed.");
        assert!(
            !got.iter().any(|(k, _)| *k == EntityKind::Person),
            "{got:?}"
        );
    }

    #[test]
    fn persons_orgs_places() {
        let got = names(
            "Lawyer Irina Volkova of the Harbour Rights Network said the Kestrel special police held Oleg Marchenko in Moscow. \
             Volkova said President Okafor must act. The Network will appeal to the European Court of Human Rights.",
        );
        let has = |k: EntityKind, t: &str| got.iter().any(|(kk, tt)| *kk == k && tt == t);
        assert!(has(EntityKind::Person, "Irina Volkova"), "{got:?}");
        assert!(
            has(EntityKind::Organization, "Harbour Rights Network"),
            "{got:?}"
        );
        assert!(has(EntityKind::Person, "Oleg Marchenko"), "{got:?}");
        assert!(has(EntityKind::Place, "Moscow"), "{got:?}");
        assert!(has(EntityKind::Person, "Volkova"), "{got:?}");
        assert!(has(EntityKind::Person, "Okafor"), "{got:?}");
        assert!(
            has(EntityKind::Organization, "European Court of Human Rights"),
            "{got:?}"
        );
        assert!(
            !got.iter().any(|(_, t)| t == "Lawyer" || t == "The"),
            "{got:?}"
        );
    }

    /// A lone word that speaks is a person, unless the training text knows it as a place's or a
    /// body's name and never a person's: then it is the body seated there.
    #[test]
    fn a_seat_that_speaks_is_a_body() {
        let got =
            names("The Kremlin said it wished him a speedy recovery. Okafor said he was well.");
        assert!(
            got.contains(&(EntityKind::Organization, "Kremlin".to_string())),
            "{got:?}"
        );
        assert!(
            got.contains(&(EntityKind::Person, "Okafor".to_string())),
            "{got:?}"
        );
    }

    /// In a headline every word is capitalised: a body's name ends at its head or its "of"
    /// phrase.
    #[test]
    fn a_headline_names_a_body_only_up_to_its_head() {
        for (text, body, named) in [
            (
                "Chechen Court Sentences Mother of Prominent Activist to 5.5 Years in Prison\n\nThe mother was sentenced.",
                "Chechen Court Sentences Mother of Prominent Activist",
                false,
            ),
            (
                "Activists Appeal to the European Court of Human Rights\n\nThe court ruled on Tuesday.",
                "European Court of Human Rights",
                true,
            ),
        ] {
            let got = names(text);
            let has = got
                .iter()
                .any(|(k, t)| *k == EntityKind::Organization && t == body);
            assert_eq!(has, named, "{text}: {got:?}");
        }
    }

    #[test]
    fn lower_case_names_and_nationalities() {
        let got = names("Russian police handed the two men to Chechen authorities in the Urus-Martanovsky district. The Russian officials denied it.");
        let has = |k: EntityKind, t: &str| got.iter().any(|(kk, tt)| *kk == k && tt == t);
        assert!(has(EntityKind::Organization, "Russian police"), "{got:?}");
        assert!(
            has(EntityKind::Organization, "Chechen authorities"),
            "{got:?}"
        );
        assert!(
            has(EntityKind::Place, "Urus-Martanovsky district"),
            "{got:?}"
        );
        assert!(has(EntityKind::Group, "the two men"), "{got:?}");
        let got = names("A statement from the Saudi public prosecutor said a fight broke out.");
        assert!(
            got.iter()
                .any(|(k, t)| *k == EntityKind::Organization && t == "Saudi public prosecutor"),
            "{got:?}"
        );
        // a country's adjective the lexicon's counts do not know, by the country's name
        let got = names("Kenyan police shot two protesters, and Belarusian officials agreed.");
        for body in ["Kenyan police", "Belarusian officials"] {
            assert!(
                got.contains(&(EntityKind::Organization, body.into())),
                "{body}: {got:?}"
            );
        }
        let got = names("Russian police handed the two men to Chechen authorities in the Urus-Martanovsky district. The Russian officials denied it.");
        assert!(
            !got.iter()
                .any(|(k, t)| *k == EntityKind::Person && (t == "Russian" || t == "Chechen")),
            "{got:?}"
        );
    }

    #[test]
    fn boilerplate_is_skipped() {
        let text = "The minister spoke. Ivan Petrov / AP\nOleg Marchenko was held.";
        let mut d = doc(text);
        let s = text.find("Ivan").unwrap();
        d.boilerplate.push(casefile_model::Boilerplate {
            kind: casefile_model::BoilerplateKind::PhotoCredit,
            start: s,
            end: s + 17,
        });
        let got: Vec<String> = find(&d, &sentences(text))
            .into_iter()
            .map(|m| m.text)
            .collect();
        assert!(!got.iter().any(|t| t.contains("Petrov")), "{got:?}");
        assert!(got.iter().any(|t| t == "Oleg Marchenko"), "{got:?}");
    }

    #[test]
    fn a_sentence_opening_with_a_named_persons_surname() {
        let text =
            "State Department spokesman Ned Price spoke on Monday. Price said the men were held.";
        let d = crate::test_doc(text);
        let m = find(&d, &crate::text::sentences(text));
        assert!(
            m.iter()
                .any(|m| m.text == "Price" && m.kind == EntityKind::Person),
            "{m:?}"
        );
        // a common word that is nobody's surname stays a word
        let text = "Ned Marchenko spoke on Monday. Price rises hurt the poor.";
        let d = crate::test_doc(text);
        let m = find(&d, &crate::text::sentences(text));
        assert!(!m.iter().any(|m| m.text == "Price"), "{m:?}");
    }

    /// Brackets: a name that fills one is written as names are, not as a sentence opens; a
    /// short form in one inside a body's name keeps the name whole.
    #[test]
    fn names_and_brackets() {
        for (text, name, kind) in [
            (
                "She lives in Nizhnii Novgorod (Central Russia) with her husband.",
                "Central Russia",
                EntityKind::Place,
            ),
            (
                "On September 12, the Supreme Court (SC) of Chechnya reduced the term.",
                "Supreme Court (SC) of Chechnya",
                EntityKind::Organization,
            ),
        ] {
            let d = crate::test_doc(text);
            let m = find(&d, &crate::text::sentences(text));
            assert!(
                m.iter().any(|m| m.text == name && m.kind == kind),
                "{text}: {m:?}"
            );
        }
    }

    /// A lone name the tagger reads as a person's is one where it stands as a subject does;
    /// after a preposition or an article, or before a noun it names, it is not.
    #[test]
    fn a_lone_name_standing_as_a_subject() {
        for (text, word, person) in [
            (
                "Kremlin critics say Putin has turned a blind eye to the abuses.",
                "Putin",
                true,
            ),
            (
                "The men ran an opposition Telegram channel for years.",
                "Telegram",
                false,
            ),
            (
                "The two remain in custody in Marevo, east of the capital.",
                "Marevo",
                false,
            ),
        ] {
            let d = crate::test_doc(text);
            let m = find(&d, &crate::text::sentences(text));
            let found = m
                .iter()
                .any(|m| m.text == word && m.kind == EntityKind::Person);
            assert_eq!(found, person, "{text}: {m:?}");
        }
    }
}

#[cfg(test)]
mod title_tests {
    use super::*;

    fn found(text: &str) -> Vec<(EntityKind, String)> {
        let d = crate::test_doc(text);
        find(&d, &crate::text::sentences(text))
            .into_iter()
            .map(|m| (m.kind, m.text))
            .collect()
    }

    /// A person named in full is named so again where the word before a lone surname is the
    /// rest of the name, even one the tagger reads otherwise ("Said" opening a sentence).
    #[test]
    fn a_full_name_is_found_again() {
        let text = "Magomed Aliev, the father of the detained activist Said Aliev, was beaten. \
                    Said Aliev was detained on 2 April.";
        let persons: Vec<String> = found(text)
            .into_iter()
            .filter(|(k, _)| *k == EntityKind::Person)
            .map(|(_, t)| t)
            .collect();
        assert_eq!(persons, ["Magomed Aliev", "Said Aliev", "Said Aliev"]);
    }

    /// A title inside a run is not part of the name; a run that ends in one is a role.
    #[test]
    fn titles_inside_and_at_the_end_of_a_run() {
        // (text, names that must be found with their kind, names that must not)
        type Case<'a> = (&'a str, &'a [(EntityKind, &'a str)], &'a [&'a str]);
        let cases: &[Case] = &[
            (
                "From Washington, Treasury Secretary Steven T. Mnuchin announced sanctions.",
                &[(EntityKind::Person, "Steven T. Mnuchin")],
                &["Treasury Secretary Steven T"],
            ),
            (
                "Critics of Saudi Crown Prince Mohammed were held.",
                &[(EntityKind::Person, "Mohammed")],
                &["Saudi Crown Prince Mohammed", "Crown Prince Mohammed"],
            ),
            (
                "“It has gone too far,” said Marie Struthers, Eastern Europe and Central Asia Director at Amnesty International.",
                &[(EntityKind::Person, "Marie Struthers")],
                &["Central Asia Director"],
            ),
            (
                "The Ministry of Justice said nothing.",
                &[(EntityKind::Organization, "Ministry of Justice")],
                &[],
            ),
            // one word after a title written with its period, or after a kinship noun
            (
                "In seven minutes, the judge, Mr. Halimov, found her guilty.",
                &[(EntityKind::Person, "Halimov")],
                &[],
            ),
            (
                "The intruders used force against her husband and their daughter Lena.",
                &[(EntityKind::Person, "Lena")],
                &[],
            ),
            // a nationality whose word also opens a place name ("Saudi Arabia"), a country's
            // code, and a nationality in front of an institution
            (
                "Saudi officials denied it, and the Saudi government said nothing.",
                &[
                    (EntityKind::Organization, "Saudi officials"),
                    (EntityKind::Organization, "Saudi government"),
                ],
                &[],
            ),
            (
                "The sanctions were announced after U.S. officials met the Saudi royal family.",
                &[
                    (EntityKind::Organization, "U.S. officials"),
                    (EntityKind::Organization, "Saudi royal family"),
                ],
                &["royal family"],
            ),
            (
                "He wrote for The Washington Post. As a columnist for the Post, he was known. The Post Office is elsewhere.",
                &[
                    (EntityKind::Organization, "The Washington Post"),
                    (EntityKind::Organization, "the Post"),
                ],
                &["The Post Office", "The Post"],
            ),
            (
                "The mission was ordered by the former deputy intelligence chief, Ahmed al-Assiri, prosecutors said.",
                &[(EntityKind::Person, "Ahmed al-Assiri")],
                &["Ahmed"],
            ),
            (
                "Police officials in Marevo said nothing.",
                &[],
                &["Police officials", "Marevo said"],
            ),
        ];
        for (text, want, not) in cases {
            let got = found(text);
            for (k, t) in *want {
                assert!(
                    got.iter().any(|(gk, gt)| gk == k && gt == t),
                    "{t} in {text}: {got:?}"
                );
            }
            for t in *not {
                assert!(!got.iter().any(|(_, gt)| gt == t), "{t} in {text}: {got:?}");
            }
        }
    }
}

#[cfg(test)]
mod short_form_tests {
    use super::*;

    /// "the Court" names again the one organisation of the report whose name that noun heads.
    #[test]
    fn the_head_noun_of_a_name_names_it_again() {
        let named = |text: &str, short: &str| {
            let d = crate::test_doc(text);
            find(&d, &crate::text::sentences(text))
                .into_iter()
                .find(|m| m.text == short)
                .and_then(|m| m.normalized)
        };
        let one =
            "The European Court of Human Rights ruled on Tuesday. The Court ordered Russia to pay.";
        assert_eq!(
            named(one, "The Court").as_deref(),
            Some("European Court of Human Rights")
        );
        let two = "The European Court of Human Rights and the Supreme Court of Russia differ. The Court ruled.";
        assert_eq!(named(two, "The Court"), None);
    }
}

#[cfg(test)]
mod prosecution_tests {
    use super::*;

    /// The prosecution is one party however it is written, but "Saudi prosecutors" are a body
    /// of their own and "the prosecutor's office" an institution.
    #[test]
    fn the_prosecution_is_a_party() {
        for (text, want) in [
            (
                "The state prosecutor had requested five years.",
                Some("state prosecutor"),
            ),
            (
                "The penalty was requested by the prosecutor.",
                Some("prosecutor"),
            ),
            ("Saudi prosecutors said five men were charged.", None),
            ("The chief prosecutor's office said so.", None),
        ] {
            let d = crate::test_doc(text);
            let s = crate::text::sentences(text);
            let m = find(&d, &s);
            let got = m
                .iter()
                .find(|m| m.normalized.as_deref() == Some("prosecution"))
                .map(|m| m.text.as_str());
            assert_eq!(got, want, "{text}");
        }
    }
}
