//! Discrepancies: where sources give different values for one thing, and a verdict on how they
//! relate, with one sentence a documenter can read and the source spans of every value.
//!
//! | verdict | when |
//! |---|---|
//! | spelling-variant | one name written differently (Bestvet / Bestsvet) |
//! | consistent-over-time | ages that differ as the time between reports allows (17, then "just turned 18") |
//! | conflict | values that cannot both hold (two ages a year apart at the same date; two dates for one event) |
//! | granularity | one date more precise than another, and inside it ("June 2020" / "last summer") |
//! | imprecision | one relative location vaguer than another ("near Moscow" / "northeast of Moscow") |
//! | different-detail | different places or actors named for one event |
//! | contested | opposed accounts from named sides (an official reason and the reason "in fact") |

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use casefile_model::{
    ActKind, Annotations, Claim, DateValue, Discrepancy, DiscrepancyValue, Document, EntityKind,
    EventMention, Modality, ParticipantRole, Resolved, Span, Verdict,
};
use casefile_names::romanisations_compatible;
use chrono::{Duration, NaiveDate};
use regex::Regex;

fn value(v: &str, sources: Vec<Span>) -> DiscrepancyValue {
    DiscrepancyValue {
        value: v.to_string(),
        sources,
        independent_sources: 0,
    }
}

/// What the checks look up again and again, indexed once (so that no check walks every report or
/// every claim for each thing it checks): a report by its id, a subject's claims of one
/// attribute (in the claims' order), an entity's name.
struct Lookup<'a> {
    docs: HashMap<&'a str, (&'a Document, &'a Annotations)>,
    claims: HashMap<&'a str, HashMap<&'a str, Vec<&'a Claim>>>,
    names: HashMap<&'a str, &'a str>,
}

impl<'a> Lookup<'a> {
    fn new(
        docs: &[(&'a Document, &'a Annotations)],
        resolved: &'a Resolved,
        claims: &'a [Claim],
    ) -> Self {
        let mut lk = Lookup {
            docs: crate::by_id(docs),
            claims: HashMap::new(),
            names: HashMap::new(),
        };
        for c in claims {
            lk.claims
                .entry(c.subject.as_str())
                .or_default()
                .entry(c.attribute.as_str())
                .or_default()
                .push(c);
        }
        for e in &resolved.entities {
            lk.names.entry(e.id.as_str()).or_insert(e.name.as_str());
        }
        lk
    }

    fn doc(&self, id: &str) -> Option<(&'a Document, &'a Annotations)> {
        self.docs.get(id).copied()
    }

    /// An event's tellings (its members: report id and index of the event mention), each with
    /// its report and event mention.
    fn tellings<'s>(
        &'s self,
        members: &'s [(String, usize)],
    ) -> impl Iterator<Item = (&'s str, &'a Document, &'a EventMention)> + 's {
        members.iter().filter_map(move |(doc_id, idx)| {
            let (doc, ann) = self.doc(doc_id)?;
            Some((doc_id.as_str(), doc, &ann.events[*idx]))
        })
    }

    /// The claims about `subject` of `attribute`, in order.
    fn claims(&self, subject: &str, attribute: &str) -> &[&'a Claim] {
        self.claims
            .get(subject)
            .and_then(|by| by.get(attribute))
            .map_or(&[], Vec::as_slice)
    }

    /// An entity's name, or the id when there is no such entity.
    fn name(&self, id: &str) -> String {
        self.names
            .get(id)
            .map_or_else(|| id.to_string(), |n| n.to_string())
    }
}

fn doc_label(lk: &Lookup, id: &str) -> String {
    lk.doc(id)
        .map(|(d, _)| {
            d.outlet
                .clone()
                .unwrap_or_else(|| d.path.rsplit('/').next().unwrap_or(&d.path).to_string())
        })
        .unwrap_or_else(|| id.to_string())
}

pub fn find(
    docs: &[(&Document, &Annotations)],
    resolved: &Resolved,
    claims: &[Claim],
) -> Vec<Discrepancy> {
    let mut out = Vec::new();
    let lk = Lookup::new(docs, resolved, claims);
    spelling(resolved, &lk, &mut out);
    ages(&lk, resolved, &mut out);
    event_dates(&lk, resolved, &mut out);
    event_details(&lk, resolved, &mut out);
    relative_locations(docs, resolved, &mut out);
    contested(&lk, resolved, &mut out);
    remains_fates(&lk, resolved, &mut out);
    sentences_over_time(&lk, resolved, &mut out);
    paraphrases(resolved, claims, &mut out);
    out
}

/// Words that name one thing in reporting on human rights, so that two wordings of one
/// statement meet ("no homosexuals" / "no LGBTQ+ people").
const THESAURUS: &[(&str, &[&str])] = &[
    (
        "lgbt",
        &[
            "gay",
            "gays",
            "homosexual",
            "homosexuals",
            "homosexuality",
            "lgbt",
            "lgbtq",
            "lgbtqi",
            "lgbti",
            "queer",
            "lesbian",
            "lesbians",
            "bisexual",
            "transgender",
        ],
    ),
    (
        "detain",
        &[
            "detained",
            "detain",
            "arrested",
            "arrest",
            "held",
            "seized",
            "apprehended",
            "detention",
        ],
    ),
    (
        "abduct",
        &["abducted", "kidnapped", "kidnapping", "abduction", "kidnap"],
    ),
    ("torture", &["tortured", "torture", "beaten", "beatings"]),
    (
        "kill",
        &["killed", "murdered", "killing", "killings", "murder"],
    ),
    ("false", &["false", "fabricated", "lies", "made"]),
];

const STOP: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "at", "and", "or", "that", "this", "is", "are",
    "was", "were", "be", "been", "it", "they", "their", "them", "we", "our", "he", "his", "she",
    "her", "i", "my", "you", "there", "for", "with", "by", "as", "from", "had", "has", "have",
    "all", "at", "any", "would", "will", "people", "said", "says",
];

fn content_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .filter(|w| !STOP.contains(&w.as_str()))
        .map(|w| {
            THESAURUS
                .iter()
                .find(|(_, ws)| ws.contains(&w.as_str()))
                .map(|(k, _)| k.to_string())
                .unwrap_or(w)
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// One speaker's statement reported by several reports in different words.
fn paraphrases(resolved: &Resolved, claims: &[Claim], out: &mut Vec<Discrepancy>) {
    let mut by_speaker: BTreeMap<&str, Vec<&Claim>> = BTreeMap::new();
    for c in claims
        .iter()
        .filter(|c| c.attribute == "said" || c.attribute == "reported speech")
    {
        if let Some(sp) = c.speaker.as_deref() {
            by_speaker.entry(sp).or_default().push(c);
        }
    }
    for (speaker, cs) in by_speaker {
        let words: Vec<Vec<String>> = cs.iter().map(|c| content_words(&c.value)).collect();
        let n = cs.len();
        let mut group: Vec<usize> = (0..n).collect();
        for i in 0..n {
            for j in i + 1..n {
                let (a, b) = (&words[i], &words[j]);
                if a.is_empty()
                    || b.is_empty()
                    || a.len() > 15
                    || b.len() > 15
                    || cs[i].source.doc == cs[j].source.doc
                {
                    continue;
                }
                let shared = a.iter().filter(|w| b.contains(w)).count();
                // short statements may share half their words; longer ones a third of the longer
                let (short, long) = (a.len().min(b.len()), a.len().max(b.len()));
                let similar = if long <= 3 {
                    shared * 2 >= short
                } else {
                    shared * 3 >= long
                };
                if shared >= 1 && similar && a != b {
                    let (gi, gj) = (group[i], group[j]);
                    for g in group.iter_mut() {
                        if *g == gj {
                            *g = gi;
                        }
                    }
                }
            }
        }
        let mut seen = Vec::new();
        for g in 0..n {
            if seen.contains(&group[g]) {
                continue;
            }
            seen.push(group[g]);
            let members: Vec<usize> = (0..n).filter(|&k| group[k] == group[g]).collect();
            let docs: std::collections::BTreeSet<&str> =
                members.iter().map(|&k| cs[k].source.doc.as_str()).collect();
            if members.len() < 2 || docs.len() < 2 {
                continue;
            }
            let name = resolved
                .entities
                .iter()
                .find(|e| e.id == speaker)
                .map(|e| e.name.clone())
                .unwrap_or_default();
            let values: Vec<DiscrepancyValue> = members
                .iter()
                .map(|&k| {
                    value(
                        cs[k].value.trim_matches(|c: char| "\"“”‘’' ".contains(c)),
                        vec![cs[k].source.clone()],
                    )
                })
                .collect();
            let list = values
                .iter()
                .map(|v| format!("“{}”", v.value))
                .collect::<Vec<_>>()
                .join(", ");
            out.push(Discrepancy {
                subject: speaker.to_string(),
                attribute: "quoted claim".into(),
                verdict: Verdict::Paraphrase,
                explanation: format!("{name} is reported saying one thing in different words in {} reports: {list}; check the original wording before quoting.", docs.len()),
                values,
            });
        }
    }
}

/// One name written several ways across reports.
fn spelling(resolved: &Resolved, lk: &Lookup, out: &mut Vec<Discrepancy>) {
    for e in resolved
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
    {
        // every word of every written form, with where it was written
        let mut words: BTreeMap<String, Vec<Span>> = BTreeMap::new();
        for c in lk.claims(&e.id, "name") {
            let mut off = 0;
            for w in c.value.split(' ') {
                if !w.is_empty() {
                    let s = Span::new(
                        c.source.doc.clone(),
                        c.source.start + off,
                        c.source.start + off + w.len(),
                    );
                    words.entry(w.to_string()).or_default().push(s);
                }
                off += w.len() + 1;
            }
        }
        let forms: Vec<&String> = words.keys().collect();
        let mut done: Vec<&String> = Vec::new();
        for (i, a) in forms.iter().enumerate() {
            if done.contains(a) {
                continue;
            }
            let group: Vec<&String> = forms[i..]
                .iter()
                .copied()
                .filter(|b| *b == *a || (romanisations_compatible(a, b) && !done.contains(b)))
                .collect();
            if group.len() < 2 {
                continue;
            }
            done.extend(group.iter().copied());
            let values: Vec<DiscrepancyValue> =
                group.iter().map(|g| value(g, words[*g].clone())).collect();
            let list: Vec<String> = group.iter().map(|g| format!("“{g}”")).collect();
            out.push(Discrepancy {
                subject: e.id.clone(),
                attribute: "name spelling".into(),
                verdict: Verdict::SpellingVariant,
                explanation: format!("{} is written {}: transliteration or spelling variants of one name, not different people.", e.name, list.join(" and ")),
                values,
            });
        }
    }
}

/// The window of days a date value or a report's bounds allow.
fn window(lk: &Lookup, c: &Claim) -> (Option<NaiveDate>, Option<NaiveDate>) {
    if let Some((s, e)) = c.as_of.as_ref().and_then(|d| d.range()) {
        return (Some(s), Some(e));
    }
    if let Some((d, a)) = lk.doc(&c.source.doc) {
        if let Some((s, e)) = d.published.as_ref().and_then(|p| p.range()) {
            return (Some(s), Some(e));
        }
        if let Some(b) = a.published_bounds.as_ref().or(d.published_bounds.as_ref()) {
            return b.range();
        }
    }
    (None, None)
}

fn years_before(d: NaiveDate, years: i64) -> NaiveDate {
    d - Duration::days(years * 365 + years / 4)
}

/// Ages: consistent over time, or in conflict. Gives the birth window they imply.
fn ages(lk: &Lookup, resolved: &Resolved, out: &mut Vec<Discrepancy>) {
    for e in &resolved.entities {
        let cs: Vec<&Claim> = lk.claims(&e.id, "age").to_vec();
        let mut by_value: BTreeMap<u32, Vec<&Claim>> = BTreeMap::new();
        for c in &cs {
            if let Ok(v) = c.value.parse::<u32>() {
                by_value.entry(v).or_default().push(c);
            }
        }
        if by_value.len() < 2 {
            continue;
        }
        // birth window: an age `a` held at an unknown day in [s, e] puts the birth after
        // s − (a+1) years and on or before e − a years; every source must agree
        let mut lo: Option<NaiveDate> = None;
        let mut hi: Option<NaiveDate> = None;
        let mut ordered_ok = true;
        for (&age, cl) in &by_value {
            for c in cl {
                let (s, en) = window(lk, c);
                if let Some(s) = s {
                    let b = years_before(s, age as i64 + 1);
                    lo = Some(lo.map_or(b, |x| x.max(b)));
                }
                if let Some(en) = en {
                    let b = years_before(en, age as i64);
                    hi = Some(hi.map_or(b, |x| x.min(b)));
                }
            }
        }
        let ages: Vec<u32> = by_value.keys().copied().collect();
        let spread = ages[ages.len() - 1] - ages[0];
        if let (Some(l), Some(h)) = (lo, hi) {
            ordered_ok = l <= h;
        }
        let just_turned = cs.iter().any(|c| {
            lk.doc(&c.source.doc)
                .is_some_and(|(d, _)| c.source.text(&d.text).to_lowercase().contains("turned"))
        });
        let values: Vec<DiscrepancyValue> = by_value
            .iter()
            .map(|(v, cl)| {
                value(
                    &v.to_string(),
                    cl.iter().map(|c| c.source.clone()).collect(),
                )
            })
            .collect();
        let where_ = |age: u32| {
            by_value[&age]
                .iter()
                .map(|c| doc_label(lk, &c.source.doc))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (verdict, explanation) = if spread <= 1 && ordered_ok {
            let window = match (lo, hi) {
                (Some(l), Some(h)) => format!(
                    " They imply a birth date between {} and {}.",
                    l.format("%-d %B %Y"),
                    h.format("%-d %B %Y")
                ),
                _ => String::new(),
            };
            let turned = if just_turned {
                " One report says the person has just turned the higher age."
            } else {
                ""
            };
            (
                Verdict::ConsistentOverTime,
                format!("{} is given as {} ({}) and {} ({}): a birthday between the reports explains the difference.{}{}", e.name, ages[0], where_(ages[0]), ages[ages.len() - 1], where_(ages[ages.len() - 1]), turned, window),
            )
        } else {
            (
                Verdict::Conflict,
                format!(
                    "{} is given ages {} that cannot all hold at the dates of the reports.",
                    e.name,
                    ages.iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        };
        out.push(Discrepancy {
            subject: e.id.clone(),
            attribute: "age".into(),
            verdict,
            explanation,
            values,
        });
    }
}

/// An event dated differently by its sources.
fn event_dates(lk: &Lookup, resolved: &Resolved, out: &mut Vec<Discrepancy>) {
    for ev in &resolved.events {
        let mut by_value: BTreeMap<String, (DateValue, Vec<Span>)> = BTreeMap::new();
        for c in lk.claims(&ev.id, "date") {
            let Some((_, ann)) = lk.doc(&c.source.doc) else {
                continue;
            };
            let Some(tx) = ann.timexes.iter().find(|t| t.span == c.source) else {
                continue;
            };
            let Some(v) = &tx.value else { continue };
            let v = v.at_most_day();
            by_value
                .entry(v.value.clone())
                .or_insert_with(|| (v.clone(), Vec::new()))
                .1
                .push(c.source.clone());
        }
        if by_value.len() < 2 {
            continue;
        }
        let vals: Vec<&DateValue> = by_value.values().map(|(v, _)| v).collect();
        let all_compatible = vals.iter().all(|a| vals.iter().all(|b| a.compatible(b)));
        let list = vals
            .iter()
            .map(|v| v.human())
            .collect::<Vec<_>>()
            .join(", ");
        let (verdict, explanation) = if all_compatible {
            (Verdict::Granularity, format!("The sources date “{}” as {}: the same time told at different precision; the most precise is kept.", ev.label, list))
        } else {
            (
                Verdict::Conflict,
                format!(
                    "The sources date “{}” as {}, which cannot all be true.",
                    ev.label, list
                ),
            )
        };
        let values = by_value
            .into_values()
            .map(|(v, s)| value(&v.value, s))
            .collect();
        out.push(Discrepancy {
            subject: ev.id.clone(),
            attribute: "date".into(),
            verdict,
            explanation,
            values,
        });
    }
}

/// Different places or perpetrators named for one event.
fn event_details(lk: &Lookup, resolved: &Resolved, out: &mut Vec<Discrepancy>) {
    let name = |id: &str| lk.name(id);
    for (ev, members) in resolved.events.iter().zip(&resolved.event_members) {
        for (attr, what) in [("place", "places"), ("perpetrators", "actors")] {
            let mut by_value: BTreeMap<String, Vec<Span>> = BTreeMap::new();
            let mut docs_per: BTreeMap<String, Vec<String>> = BTreeMap::new();
            let mut in_country: BTreeMap<String, String> = BTreeMap::new();
            for (doc_id, _, em) in lk.tellings(members) {
                let vals: Vec<String> = if attr == "place" {
                    let place = em
                        .place
                        .and_then(|p| Some((p, resolved.entity_of(doc_id, p)?)));
                    if let Some((p, entity)) = place {
                        let country = lk
                            .doc(doc_id)
                            .and_then(|(_, ann)| ann.mentions.get(p)?.in_country.clone());
                        if let Some(c) = country {
                            in_country.insert(name(entity), c);
                        }
                    }
                    place.map(|(_, e)| vec![name(e)]).unwrap_or_default()
                } else {
                    let mut v: Vec<String> = em
                        .participants
                        .iter()
                        .filter(|p| p.role == ParticipantRole::Perpetrator)
                        .filter_map(|p| resolved.entity_of(doc_id, p.mention))
                        .map(name)
                        .collect();
                    v.sort();
                    v.dedup();
                    if v.is_empty() {
                        vec![]
                    } else {
                        vec![v.join(" and ")]
                    }
                };
                for v in vals {
                    by_value
                        .entry(v.clone())
                        .or_default()
                        .push(em.sentence.clone());
                    docs_per.entry(v).or_default().push(doc_id.to_string());
                }
            }
            if attr == "place" {
                less_precise_places(&mut by_value, &mut docs_per, &in_country);
            }
            if by_value.len() < 2 {
                continue;
            }
            // only when different reports name different values
            let distinct_docs: Vec<&Vec<String>> = docs_per.values().collect();
            if distinct_docs
                .iter()
                .all(|d| d.iter().all(|x| distinct_docs[0].contains(x)))
            {
                continue;
            }
            let list = quoted_list(by_value.keys());
            out.push(Discrepancy {
                subject: ev.id.clone(),
                attribute: attr.into(),
                verdict: Verdict::DifferentDetail,
                explanation: format!("The sources name different {what} for “{}”: {list}. They may tell different stages or parts of it; not necessarily a conflict.", ev.label),
                values: by_value.into_iter().map(|(k, s)| value(&k, s)).collect(),
            });
        }
    }
}

/// Drop each place another value names more precisely: "Vilnius" beside "Embassy of Belarus in
/// Vilnius", "Embassy of Belarus" beside "Embassy of Belarus in Vilnius", a country beside a
/// city or region the gazetteer places in it ("Sudan" beside "Khartoum": `in_country`, each
/// place's country by name): one place told more or less precisely, no different place.
fn less_precise_places<T>(
    by_value: &mut BTreeMap<String, Vec<Span>>,
    docs_per: &mut BTreeMap<String, T>,
    in_country: &BTreeMap<String, String>,
) {
    let keys: Vec<String> = by_value.keys().cloned().collect();
    for k in &keys {
        let within = |o: &String| {
            o != k
                && (o.ends_with(&format!(" in {k}"))
                    || o.starts_with(&format!("{k} in "))
                    || in_country.get(o).is_some_and(|c| c == k))
        };
        if keys.iter().any(within) {
            by_value.remove(k);
            docs_per.remove(k);
        }
    }
}

/// Values in quote marks, joined by commas: “Chechnya”, “Grozny”.
fn quoted_list<S: std::fmt::Display>(values: impl Iterator<Item = S>) -> String {
    values
        .map(|k| format!("“{k}”"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).expect("valid regex"))
}

/// "Nizhny Novgorod, east of Moscow" / "near Moscow" / "northeast of Moscow".
fn relative_locations(
    docs: &[(&Document, &Annotations)],
    resolved: &Resolved,
    out: &mut Vec<Discrepancy>,
) {
    static REL: OnceLock<Regex> = OnceLock::new();
    let rel = re(
        &REL,
        r"^,?\s+(?:just\s+|some\s+\d+\s*(?:km|kilometres|kilometers|miles)\s+)?(near|outside|north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)(?:\s+of)?\s+$",
    );
    // (place entity, reference entity) -> relation -> spans
    let mut found: BTreeMap<(String, String), BTreeMap<String, Vec<Span>>> = BTreeMap::new();
    for (doc, ann) in docs {
        let places: Vec<(usize, &casefile_model::Mention)> = ann
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.kind == EntityKind::Place)
            .collect();
        for w in places.windows(2) {
            let ((i, a), (j, b)) = (w[0], w[1]);
            if b.span.start <= a.span.end || b.span.start - a.span.end > 40 {
                continue;
            }
            let between = &doc.text[a.span.end..b.span.start];
            let Some(c) = rel.captures(between) else {
                continue;
            };
            let (Some(pa), Some(pb)) = (
                resolved.entity_of(&doc.id, i),
                resolved.entity_of(&doc.id, j),
            ) else {
                continue;
            };
            let relation = c[1].to_lowercase().replace('-', "");
            found
                .entry((pa.to_string(), pb.to_string()))
                .or_default()
                .entry(relation)
                .or_default()
                .push(doc.span(a.span.end, b.span.end));
        }
    }
    let name = |id: &str| {
        resolved
            .entities
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.name.clone())
            .unwrap_or_default()
    };
    for ((pa, pb), rels) in found {
        if rels.len() < 2 {
            continue;
        }
        let keys: Vec<&String> = rels.keys().collect();
        let dir = |r: &str| -> (i32, i32) {
            let ns = if r.contains("north") {
                1
            } else if r.contains("south") {
                -1
            } else {
                0
            };
            let ew = if r.contains("east") {
                1
            } else if r.contains("west") {
                -1
            } else {
                0
            };
            (ns, ew)
        };
        let opposed = keys.iter().any(|a| {
            keys.iter().any(|b| {
                let (x, y) = (dir(a), dir(b));
                x.0 * y.0 < 0 || x.1 * y.1 < 0
            })
        });
        let list = keys
            .iter()
            .map(|k| format!("“{k} {}”", name(&pb)))
            .collect::<Vec<_>>()
            .join(", ");
        let (verdict, explanation) = if opposed {
            (
                Verdict::Conflict,
                format!(
                    "{} is placed {list}: opposite directions, which cannot both be right.",
                    name(&pa)
                ),
            )
        } else {
            (
                Verdict::Imprecision,
                format!(
                    "{} is placed {list}: the same location told more or less precisely.",
                    name(&pa)
                ),
            )
        };
        out.push(Discrepancy {
            subject: pa.clone(),
            attribute: format!("location relative to {}", name(&pb)),
            verdict,
            explanation,
            values: rels.into_iter().map(|(k, s)| value(&k, s)).collect(),
        });
    }
}

/// The tellings that deny a happening of the chain (kept outside it, as no source asserts them
/// by themselves), by the index of the one event each denies: an event of the same family of
/// acts that shares someone the denial names. A denial that could be of more than one event is
/// of none.
fn denials_of(lk: &Lookup, resolved: &Resolved) -> BTreeMap<usize, Vec<Span>> {
    let mut out: BTreeMap<usize, Vec<Span>> = BTreeMap::new();
    for (doc_id, idx) in &resolved.not_in_chain {
        let Some((_, ann)) = lk.doc(doc_id) else {
            continue;
        };
        let em = &ann.events[*idx];
        if em.modality != Modality::Denied {
            continue;
        }
        let named: Vec<&str> = em
            .participants
            .iter()
            .filter_map(|p| resolved.entity_of(doc_id, p.mention))
            .collect();
        let family = em.kind.family();
        let mut of = resolved.events.iter().enumerate().filter(|(_, ev)| {
            ev.r#type.family() == family
                && ev
                    .participants
                    .iter()
                    .any(|p| named.contains(&p.entity.as_str()))
        });
        if let (Some((ei, _)), None) = (of.next(), of.next()) {
            out.entry(ei).or_default().push(em.sentence.clone());
        }
    }
    out
}

/// What became of a body, as a word of disposal says it: destroyed, buried, handed over,
/// dumped or hidden. A word that only moves it ("removed") is a step of any of them: none.
fn fate_of_remains(trigger: &str) -> Option<&'static str> {
    let w = trigger.to_lowercase();
    let starts = |stems: &[&str]| stems.iter().any(|s| w.starts_with(s));
    [
        (
            &["destroy", "burn", "dissolv", "incinerat"][..],
            "destroyed",
        ),
        (&["buri", "bury"][..], "buried"),
        (&["handed", "hand "][..], "handed over"),
        (&["dump", "thrown", "threw"][..], "dumped"),
        (&["hid", "conceal"][..], "hidden"),
    ]
    .into_iter()
    .find(|(stems, _)| starts(stems))
    .map(|(_, fate)| fate)
}

/// What became of the remains, told differently: one disposal of a body whose tellings, in
/// different sentences, give different fates ("dismembered and destroyed", says one statement;
/// "handed over to a local collaborator", says a source). Each is an account of its source;
/// nothing in the reports settles which is true.
fn remains_fates(lk: &Lookup, resolved: &Resolved, out: &mut Vec<Discrepancy>) {
    for (ev, members) in resolved.events.iter().zip(&resolved.event_members) {
        if ev.r#type != ActKind::RemainsDisposal {
            continue;
        }
        let mut by_fate: BTreeMap<&str, Vec<Span>> = BTreeMap::new();
        for (_, doc, em) in lk.tellings(members) {
            if let Some(fate) = fate_of_remains(em.trigger.text(&doc.text)) {
                let spans = by_fate.entry(fate).or_default();
                if !spans.contains(&em.sentence) {
                    spans.push(em.sentence.clone());
                }
            }
        }
        let sentences: Vec<&Span> = by_fate.values().flatten().collect();
        let one_sentence = sentences.iter().all(|s| *s == sentences[0]);
        if by_fate.len() < 2 || one_sentence {
            continue;
        }
        let list = quoted_list(by_fate.keys());
        out.push(Discrepancy {
            subject: ev.id.clone(),
            attribute: "fate of the remains".into(),
            verdict: Verdict::Contested,
            explanation: format!(
                "The sources tell different fates of the body for “{}”: {list}. Each is its source's account; the reports do not settle which is true.",
                ev.label
            ),
            values: by_fate.into_iter().map(|(k, s)| value(k, s)).collect(),
        });
    }
}

/// The terms of punishment a sentence names: years and months ("5.5 years", "five and a half
/// years", "a 10-year sentence", "four years and nine months"), death, life. An age ("56 years
/// old") is none.
fn terms_of_sentence(text: &str) -> Vec<String> {
    static TERM: OnceLock<Regex> = OnceLock::new();
    let term = re(
        &TERM,
        r"(?i)\b((?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)(?:\s+and\s+(?:a\s+)?half)?[\s-]+years?(?:\s+and\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven)\s+months?)?)\b(\s+old)?|\b(to death|death sentences?|death penalty|life (?:sentences?|imprisonment|in prison))\b",
    );
    let mut out: Vec<String> = Vec::new();
    for c in term.captures_iter(text) {
        let t = match (c.get(1), c.get(2), c.get(3)) {
            (Some(_), Some(_), _) => continue,
            (Some(years), None, _) => term_in_figures(years.as_str()),
            (None, _, Some(m)) if m.as_str().to_lowercase().starts_with("life") => "life".into(),
            (None, _, Some(_)) => "death".into(),
            _ => continue,
        };
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// A term of years and months written in figures, so that wordings of one term meet: "five
/// and a half years" and "5.5 years" are "5.5 years", "a 10-year sentence" is "10 years".
fn term_in_figures(term: &str) -> String {
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    let lower = term.to_lowercase().replace('-', " ");
    let mut out: Vec<String> = Vec::new();
    let mut words = lower.split_whitespace().peekable();
    while let Some(w) = words.next() {
        let number = WORDS
            .iter()
            .position(|n| *n == w)
            .map(|n| n.to_string())
            .or_else(|| w.parse::<f64>().is_ok().then(|| w.to_string()));
        match number {
            Some(mut n) => {
                // "5 and half", "five and a half"
                let mut ahead = words.clone();
                if ahead.next() == Some("and") {
                    let mut half = ahead.next();
                    if half == Some("a") {
                        half = ahead.next();
                    }
                    if half == Some("half") {
                        n.push_str(".5");
                        words = ahead;
                    }
                }
                out.push(n);
            }
            None if w == "year" => out.push("years".into()),
            None if w == "month" => out.push("months".into()),
            None => out.push(w.to_string()),
        }
    }
    out.join(" ")
}

/// A sentence changed by later rulings: a trial, then each later event that rules on the one
/// before it (reduced, commuted, overturned, upheld), strictly later in time. When the terms
/// they name differ ("5.5 years" at trial, "five years" after the appeal, "four years and nine
/// months" after the cassation), that is the sentence over time, not a conflict.
fn sentences_over_time(lk: &Lookup, resolved: &Resolved, out: &mut Vec<Discrepancy>) {
    let court = |k: ActKind| matches!(k, ActKind::Trial | ActKind::Ruling);
    // the proceedings' events with a date: (index, first day, last day), in date order
    let mut dated: Vec<(usize, NaiveDate, NaiveDate)> = resolved
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| court(e.r#type))
        .filter_map(|(i, e)| e.date.as_ref()?.range().map(|(a, b)| (i, a, b)))
        .collect();
    dated.sort_by_key(|&(i, a, _)| (a, i));
    let tellings = |ei: usize| {
        lk.tellings(&resolved.event_members[ei])
            .map(|(_, doc, em)| (doc, em))
            .collect::<Vec<_>>()
    };
    let rules = |ei: usize| {
        tellings(ei)
            .iter()
            .any(|(_, em)| em.kind == ActKind::Ruling)
    };
    // each ruling's event joined to the one it rules on: the latest before it (of one day, the
    // one most reports tell), and so on back to the trial the chain starts from
    let mut root: BTreeMap<usize, usize> = BTreeMap::new();
    let mut chains: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &(ei, first, _) in dated.iter().filter(|(ei, _, _)| rules(*ei)) {
        let before = dated
            .iter()
            .filter(|&&(_, _, last)| last < first)
            .max_by_key(|&&(o, a, _)| (a, resolved.events[o].sources.len()));
        let Some(&(prev, _, _)) = before else {
            continue;
        };
        let r = *root.get(&prev).unwrap_or(&prev);
        root.insert(ei, r);
        chains.entry(r).or_insert_with(|| vec![r]).push(ei);
    }
    for (r, chain) in chains {
        let mut values = Vec::new();
        let mut seen: Vec<Vec<String>> = Vec::new();
        for &ei in &chain {
            let mut terms: Vec<String> = Vec::new();
            let mut spans: Vec<Span> = Vec::new();
            for (doc, em) in tellings(ei) {
                let found = terms_of_sentence(em.sentence.text(&doc.text));
                if !found.is_empty() && !spans.contains(&em.sentence) {
                    spans.push(em.sentence.clone());
                }
                for t in found {
                    if !terms.contains(&t) {
                        terms.push(t);
                    }
                }
            }
            if terms.is_empty() {
                continue;
            }
            let date = resolved.events[ei]
                .date
                .as_ref()
                .map_or("", |d| d.value.as_str());
            values.push(value(&format!("{}: {}", date, terms.join(", ")), spans));
            seen.push(terms);
        }
        if values.len() < 2 || seen.iter().all(|t| *t == seen[0]) {
            continue;
        }
        out.push(Discrepancy {
            subject: resolved.events[r].id.clone(),
            attribute: "sentence".into(),
            verdict: Verdict::ConsistentOverTime,
            explanation: format!(
                "The sentence of “{}” changed with the rulings after it (reduced, commuted, overturned or upheld): each value is the sentence as it stood then.",
                resolved.events[r].label
            ),
            values,
        });
    }
}

/// Opposed accounts from named sides: "officially for X but in fact Y", or an event that one
/// source asserts and another denies.
fn contested(lk: &Lookup, resolved: &Resolved, out: &mut Vec<Discrepancy>) {
    static OFFICIAL: OnceLock<Regex> = OnceLock::new();
    let official = re(
        &OFFICIAL,
        r"(?i)\bofficial(?:ly|\s+reason[^,]*?)\s+(?:was\s+)?(?:for\s+)?(.+?),?\s+but\s+(?:in\s+(?:fact|reality)|actually|really)[^,]*?,?\s+(?:he said,?\s+)?(?:they were detained\s+)?(?:because\s+of\s+)?(.+?)[.;]",
    );
    let denials = denials_of(lk, resolved);
    for (ei, (ev, members)) in resolved
        .events
        .iter()
        .zip(&resolved.event_members)
        .enumerate()
    {
        let mut official_vals: Vec<Span> = Vec::new();
        let mut real_vals: Vec<Span> = Vec::new();
        let mut texts = (String::new(), String::new());
        let mut modal: BTreeMap<&'static str, Vec<Span>> = BTreeMap::new();
        for (_, doc, em) in lk.tellings(members) {
            let st = em.sentence.text(&doc.text);
            if let Some(c) = official.captures(st) {
                let (a, b) = (c.get(1).expect("g"), c.get(2).expect("g"));
                official_vals
                    .push(doc.span(em.sentence.start + a.start(), em.sentence.start + a.end()));
                real_vals
                    .push(doc.span(em.sentence.start + b.start(), em.sentence.start + b.end()));
                texts = (a.as_str().to_string(), b.as_str().to_string());
            }
            let key = match em.modality {
                Modality::Denied => "denied",
                Modality::Alleged => "alleged",
                Modality::Asserted => "asserted",
                Modality::Hypothetical
                | Modality::Threatened
                | Modality::Feared
                | Modality::Demanded
                | Modality::Negated => continue,
            };
            modal.entry(key).or_default().push(em.sentence.clone());
        }
        // a denial of the happening told outside the chain ("Saudis deny claim of killing")
        if let Some(denied) = denials.get(&ei) {
            modal
                .entry("denied")
                .or_default()
                .extend(denied.iter().cloned());
        }
        if !official_vals.is_empty() {
            out.push(Discrepancy {
                subject: ev.id.clone(),
                attribute: "reason".into(),
                verdict: Verdict::Contested,
                explanation: format!("For “{}”, the official reason (“{}”) is contested by the sources, who say it was in fact “{}”.", ev.label, texts.0, texts.1),
                values: vec![value(&format!("official: {}", texts.0), official_vals), value(&format!("in fact: {}", texts.1), real_vals)],
            });
        } else if modal.contains_key("denied")
            && (modal.contains_key("asserted") || modal.contains_key("alleged"))
        {
            let denied = modal.remove("denied").unwrap_or_default();
            let claimed: Vec<Span> = modal.into_values().flatten().collect();
            out.push(Discrepancy {
                subject: ev.id.clone(),
                attribute: "account".into(),
                verdict: Verdict::Contested,
                explanation: format!(
                    "“{}” is asserted or alleged by some sources and denied or disputed by others.",
                    ev.label
                ),
                values: vec![
                    value("asserted or alleged", claimed),
                    value("denied or disputed", denied),
                ],
            });
        }
    }
}

#[cfg(test)]
mod unit {
    use super::*;

    /// Terms of punishment in figures, one per wording; ages and bare numbers are none.
    #[test]
    fn terms_of_punishment() {
        for (text, want) in [
            (
                "sentenced her to five and a half years, or 5.5 years, in a colony",
                &["5.5 years"][..],
            ),
            ("Another received a 10-year sentence.", &["10 years"]),
            (
                "down to four years and nine months",
                &["4 years and 9 months"],
            ),
            (
                "sentenced five people to death and three to 24 years",
                &["death", "24 years"],
            ),
            ("Musaeva, 56 years old, was sentenced again.", &[]),
            ("He faces life imprisonment.", &["life"]),
            ("Two of the eight were released.", &[]),
        ] {
            assert_eq!(terms_of_sentence(text), want, "{text}");
        }
    }
}
