//! Person attributes: ages ("20-year-old X", "X, 20,", "X, who has just turned 18", "X and Y,
//! 20 and 17 years old respectively"), roles and titles ("lawyer", "spokesman", "leader of
//! Chechnya"), and affiliations ("a lawyer for the LGBT Network, X").

use std::sync::OnceLock;

use casefile_model::{Attribute, DateValue, Document, EntityKind, Mention};
use regex::Regex;

use crate::re;

use crate::text::slice;

/// A role noun of the vocabulary, and whether the person holding it speaks or acts for others.
pub struct RoleNoun {
    pub noun: &'static str,
    /// A lawyer, a spokesperson, an official: named beside the victims, never as one.
    pub speaks_for_others: bool,
}

const fn role(noun: &'static str, speaks_for_others: bool) -> RoleNoun {
    RoleNoun {
        noun,
        speaks_for_others,
    }
}

/// The one vocabulary of people's roles, longest first. The value recorded is the noun as
/// written, lower-cased.
pub const ROLES: &[RoleNoun] = &[
    role("secretary of state", true),
    role("prime minister", true),
    role("government spokesperson", true),
    role("spokesperson", true),
    role("spokesman", true),
    role("spokeswoman", true),
    role("lawyer", true),
    role("attorney", true),
    role("advocate", true),
    role("director of programs", true),
    role("director", true),
    role("strongman leader", true),
    role("leader", true),
    role("head", true),
    role("president", true),
    role("official", true),
    role("close associate", true),
    role("associate", true),
    role("activist", false),
    role("journalist", false),
    role("founder", true),
    role("coordinator", true),
    role("chairman", true),
    role("chairwoman", true),
    role("minister", true),
    role("governor", true),
    role("judge", true),
    role("prosecutor", true),
    role("investigator", true),
    role("officer", true),
    role("strongman", true),
    role("ombudsman", true),
    role("researcher", false),
    role("doctor", false),
    role("mother", false),
    role("father", false),
    role("brother", false),
    role("sister", false),
    role("friend", false),
    role("fiancée", false),
    role("fiancee", false),
    role("widow", false),
    role("wife", false),
    role("husband", false),
];

/// Whether a role (as recorded: a noun of [`ROLES`]) is that of someone who speaks or acts for
/// others.
pub fn speaks_for_others(role: &str) -> bool {
    ROLES.iter().any(|r| r.speaks_for_others && r.noun == role)
}

fn role_in(s: &str) -> Option<&'static str> {
    let lower = s.to_lowercase();
    ROLES
        .iter()
        .map(|r| r.noun)
        .find(|r| role_at(&lower, r).next().is_some())
}

/// The first role noun in an appositive after a name, its head ("X, the mother of human rights
/// lawyer Y," makes X a mother, not a lawyer); of two at one place, the longer.
fn first_role_in(s: &str) -> Option<&'static str> {
    let lower = s.to_lowercase();
    ROLES
        .iter()
        .map(|r| r.noun)
        .filter_map(|r| role_at(&lower, r).next().map(|i| (i, r)))
        .min_by_key(|&(i, r)| (i, usize::MAX - r.len()))
        .map(|(_, r)| r)
}

/// Where the role noun `r` stands as a word of its own in `lower`.
fn role_at<'a>(lower: &'a str, r: &'a str) -> impl Iterator<Item = usize> + 'a {
    lower.match_indices(r).map(|(i, _)| i).filter(move |&i| {
        let before_ok = i == 0 || !lower.as_bytes()[i - 1].is_ascii_alphabetic();
        let end = i + r.len();
        let after_ok = end >= lower.len() || !lower.as_bytes()[end].is_ascii_alphabetic();
        before_ok && after_ok
    })
}

/// The date an age holds at: the report's date (an age one report gives a day after another
/// gave one a year older is no birthday between them).
fn as_of(doc: &Document) -> Option<DateValue> {
    doc.published.clone()
}

/// Ages, roles and affiliations of the persons named in a document.
pub fn find(doc: &Document, sentences: &[(usize, usize)], mentions: &[Mention]) -> Vec<Attribute> {
    let mut out = Vec::new();
    let persons: Vec<usize> = (0..mentions.len())
        .filter(|&i| mentions[i].kind == EntityKind::Person)
        .collect();
    ages_beside(doc, mentions, &persons, &mut out);
    ages_respectively(doc, sentences, mentions, &persons, &mut out);
    roles(doc, sentences, mentions, &persons, &mut out);
    out
}

/// Ages beside a name: "X, 20,", "19-year-old X", "X, a 45-year-old defender", "X, who has
/// just turned 18", "A 43-year-old Georgian man, X,".
fn ages_beside(doc: &Document, mentions: &[Mention], persons: &[usize], out: &mut Vec<Attribute>) {
    static AGE_AFTER: OnceLock<Regex> = OnceLock::new();
    static AGE_BEFORE: OnceLock<Regex> = OnceLock::new();
    static AGE_APPOS: OnceLock<Regex> = OnceLock::new();
    static TURNED: OnceLock<Regex> = OnceLock::new();
    // "X, 20,", and an apposition "X, a 45-year-old defender of the river"; not a number of
    // thousands ("to pay his widow, Z, 100,000 euros")
    let age_after = re(
        &AGE_AFTER,
        r"^,\s*(?:(\d{1,3})\s*(?:,(?:\s|$)|\))|an?\s+(\d{1,3})-year-old\b)",
    );
    let age_before = re(&AGE_BEFORE, r"(\d{1,3})-year-old\s+$");
    let age_appos = re(
        &AGE_APPOS,
        r"\b(?:[Aa]n?|[Tt]he)\s+(\d{1,3})-year-old\s+(?:[A-Za-z-]+\s+){0,3}([a-z]+),\s*$",
    );
    let turned = re(
        &TURNED,
        r"^,?\s*(?:who\s+)?(?:has\s+just\s+turned|just\s+turned|turned|is\s+now|is|was|aged)\s+(\d{1,3})\b",
    );
    let text = &doc.text;
    for &i in persons {
        let m = &mentions[i];
        let (s, e) = (m.span.start, m.span.end);
        // an age of this person, its words at `start..end` of the text
        let age = |value: &str, start: usize, end: usize| Attribute {
            mention: i,
            name: "age".into(),
            value: value.into(),
            as_of: as_of(doc),
            span: doc.span(start, end),
        };
        let after = slice(text, e, e + 60);
        let before = slice(text, s.saturating_sub(20), s);
        if let Some(c) = age_after.captures(after) {
            let g = c.get(1).or_else(|| c.get(2)).expect("group");
            out.push(age(g.as_str(), e + g.start(), e + g.end()));
        } else if let Some(c) = turned.captures(after) {
            let g = c.get(1).expect("group");
            let v: u32 = g.as_str().parse().unwrap_or(0);
            if (1..=120).contains(&v) {
                let m0 = c.get(0).expect("match");
                out.push(age(g.as_str(), e + m0.start(), e + m0.end()));
            }
        }
        let right_before = age_before.captures(before);
        // "A 43-year-old Georgian man, Zurab Tsereteli, was shot": the noun for a person the
        // name is in apposition to
        let before_noun = slice(text, s.saturating_sub(60), s);
        let of_a_person = |c: &regex::Captures| {
            let noun = c.get(2).map_or("", |g| g.as_str());
            crate::grammar::PEOPLE.contains(&noun) || ROLES.iter().any(|r| r.noun == noun)
        };
        if let Some(c) = age_appos
            .captures(before_noun)
            .filter(|c| of_a_person(c) && right_before.is_none())
        {
            let g = c.get(1).expect("group");
            let base = s - before_noun.len();
            out.push(age(g.as_str(), base + g.start(), base + g.end()));
        }
        if let Some(c) = right_before {
            let g = c.get(1).expect("group");
            let base = s - before.len();
            let end = base + c.get(0).expect("m").end() - 1;
            out.push(age(g.as_str(), base + g.start(), end));
        }
    }
}

/// "X and Y, 20 and 17 years old respectively".
fn ages_respectively(
    doc: &Document,
    sentences: &[(usize, usize)],
    mentions: &[Mention],
    persons: &[usize],
    out: &mut Vec<Attribute>,
) {
    static RESPECTIVELY: OnceLock<Regex> = OnceLock::new();
    let respectively = re(
        &RESPECTIVELY,
        r"(\d{1,3})\s+and\s+(\d{1,3})\s+(?:years\s+old|years\s+of\s+age)?\s*,?\s*respectively",
    );
    let text = &doc.text;
    for &(ss, se) in sentences {
        let st = &text[ss..se];
        if let Some(c) = respectively.captures(st) {
            let at = ss + c.get(0).expect("m").start();
            let before: Vec<usize> = persons
                .iter()
                .copied()
                .filter(|&i| mentions[i].span.start >= ss && mentions[i].span.end <= at)
                .collect();
            if before.len() >= 2 {
                let (a, b) = (before[before.len() - 2], before[before.len() - 1]);
                for (mi, g) in [(a, 1), (b, 2)] {
                    let gm = c.get(g).expect("group");
                    out.push(Attribute {
                        mention: mi,
                        name: "age".into(),
                        value: gm.as_str().into(),
                        as_of: as_of(doc),
                        span: doc.span(ss + gm.start(), ss + gm.end()),
                    });
                }
            }
        }
    }
}

/// Whether the words after a name and its comma are no apposition of it: a clause of another's
/// ("X, whose son is a lawyer,"), the first of a list of others ("Zarema, her husband and their
/// daughter"), or a clause joined after the name ("X and Y, and ordered Russia to pay his
/// widow, Z").
fn of_another(app: &str) -> bool {
    let lead = app.trim_start().to_lowercase();
    lead.starts_with("whose ")
        || ["and ", "but ", "or ", "then "]
            .iter()
            .any(|c| lead.starts_with(c))
        || (["her ", "his ", "their "]
            .iter()
            .any(|p| lead.starts_with(p))
            && app.contains(" and "))
}

/// Roles ("lawyer", "spokesman") right before a name or in an appositive after it, and the
/// organisation named in that phrase as the person's affiliation.
fn roles(
    doc: &Document,
    sentences: &[(usize, usize)],
    mentions: &[Mention],
    persons: &[usize],
    out: &mut Vec<Attribute>,
) {
    let text = &doc.text;
    for &i in persons {
        let m = &mentions[i];
        let (s, e) = (m.span.start, m.span.end);
        let sent = sentences
            .iter()
            .copied()
            .find(|&(a, b)| a <= s && e <= b)
            .unwrap_or((s, e));
        // directly before: "LGBT Network lawyer X", "spokesman X", "Leader of Chechnya, X", "a lawyer for the LGBT Network, X,"
        let lo = sent.0.max(s.saturating_sub(80));
        let lo = (lo..s).find(|&k| text.is_char_boundary(k)).unwrap_or(s);
        // only the clause right before the name (after the previous name)
        let prev_name_end = mentions
            .iter()
            .filter(|x| x.kind == EntityKind::Person && x.span.end <= s && x.span.end > lo)
            .map(|x| x.span.end)
            .max()
            .unwrap_or(lo);
        let clause = &text[prev_name_end..s];
        let mut role = None;
        let mut role_span = None;
        if let Some(r) = role_in(clause) {
            let idx = clause.to_lowercase().rfind(r).unwrap_or(0);
            // the role must sit right before the name, or be an appositive ending in a comma
            let tail = &clause[idx + r.len()..];
            // an appositive before the name closes after it too ("a lawyer for the network, X,
            // said"): "According to his lawyer, Kozlov was beaten" names no lawyer
            let closed_after = text[e..sent.1]
                .trim_start()
                .starts_with([',', ')', '.', ';', ':'])
                || text[e..sent.1].trim().is_empty();
            let close = tail.split_whitespace().count() <= 6
                && (tail.trim().is_empty()
                    || (tail.trim_end().ends_with(',') && closed_after)
                    || tail
                        .split_whitespace()
                        .all(|w| w.chars().next().is_some_and(char::is_uppercase)));
            if close {
                role = Some(r);
                role_span = Some((prev_name_end + idx, prev_name_end + idx + r.len()));
            }
        }
        // appositive after: "X, the lawyer who…", "X, a government spokesperson from Chechnya,", "X, director of … at Freedom House,"
        let hi = sent.1.min(e + 90);
        let hi = (e..=hi)
            .rev()
            .find(|&k| text.is_char_boundary(k))
            .unwrap_or(e);
        let after = &text[e..hi];
        let mut appositive = None;
        if role.is_none() && after.starts_with(',') {
            let app_end = after[1..]
                .find([',', '.', ':', ';'])
                .map(|k| k + 1)
                .unwrap_or(after.len());
            let app = &after[1..app_end];
            if app.split_whitespace().count() <= 10 && !of_another(app) {
                if let Some(r) = first_role_in(app) {
                    let idx = app.to_lowercase().find(r).unwrap_or(0);
                    // nor the title of another person named right after it ("Pakhshan Azizi,
                    // her lawyer Amir Raeesian said": his role, not hers; "X, the mother of
                    // lawyer Y" is hers)
                    let at = e + 1 + idx + r.len();
                    let titles_another = mentions.iter().any(|o| {
                        o.kind == EntityKind::Person
                            && o.span.start >= at
                            && text[at..o.span.start].trim().is_empty()
                    });
                    if titles_another {
                        continue;
                    }
                    role = Some(r);
                    role_span = Some((e + 1 + idx, e + 1 + idx + r.len()));
                    appositive = Some((e + 1, e + app_end));
                }
            }
        }
        if let (Some(r), Some((rs, re_))) = (role, role_span) {
            out.push(Attribute {
                mention: i,
                name: "role".into(),
                value: r.to_string(),
                as_of: None,
                span: doc.span(rs, re_),
            });
            // affiliation: an organisation in the role phrase: between the role and the name
            // ("a lawyer for the LGBT Network, X"), in the appositive, or named right before the
            // role ("LGBT Network lawyer X", "the Network's lawyer X"); not one elsewhere in
            // the clause ("Turkish authorities must halt the deportation of activist X")
            let (as_, ae) = appositive.unwrap_or((rs, s));
            let before_role = |o: &Mention| {
                appositive.is_none() && o.span.end <= rs && o.span.start >= prev_name_end && {
                    // ("«Novaya Gazeta» journalist X": a closing quote mark between)
                    let gap = text[o.span.end..rs].trim();
                    matches!(gap, "'s" | "’s") || gap.chars().all(|c| "\"»”’'".contains(c))
                }
            };
            if let Some(org) = mentions.iter().find(|o| {
                o.kind == EntityKind::Organization
                    && ((o.span.start >= as_ && o.span.end <= ae) || before_role(o))
            }) {
                out.push(Attribute {
                    mention: i,
                    name: "affiliation".into(),
                    value: org.normalized.clone().unwrap_or_else(|| org.text.clone()),
                    as_of: None,
                    span: org.span.clone(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{names, text::sentences};

    fn run(text: &str) -> Vec<(String, String, String)> {
        let d = crate::test_doc(text);
        let s = sentences(text);
        let m = names::find(&d, &s);
        find(&d, &s, &m)
            .into_iter()
            .map(|a| (m[a.mention].text.clone(), a.name, a.value))
            .collect()
    }

    #[test]
    fn ages() {
        let a = run("Pavel Ostrov, 20, and 19-year-old Oleg Marchenko were held. Irina Volkova, who has just turned 18, fled.");
        assert!(
            a.contains(&("Pavel Ostrov".into(), "age".into(), "20".into())),
            "{a:?}"
        );
        assert!(
            a.contains(&("Oleg Marchenko".into(), "age".into(), "19".into())),
            "{a:?}"
        );
        assert!(
            a.contains(&("Irina Volkova".into(), "age".into(), "18".into())),
            "{a:?}"
        );
        let b =
            run("Pavel Ostrov and Oleg Marchenko, 20 and 17 years old respectively, were held.");
        assert!(
            b.contains(&("Pavel Ostrov".into(), "age".into(), "20".into()))
                && b.contains(&("Oleg Marchenko".into(), "age".into(), "17".into())),
            "{b:?}"
        );
        // not a number of thousands after a name, nor a role in a clause joined after a name
        let d = run(
            "The killing was carried out by Ivan Dorn and Oleg Marchenko, and the court ordered Russia to pay his widow, Irina Volkova, 100,000 euros.",
        );
        assert!(
            !d.iter().any(|(n, k, _)| n == "Irina Volkova" && k == "age"),
            "{d:?}"
        );
        assert!(
            !d.iter()
                .any(|(n, _, v)| n == "Oleg Marchenko" && v == "widow"),
            "{d:?}"
        );
        // nor the title of another person named right after it; a role "of" another is hers
        let e = run(
            "The court upheld the sentence of Irina Volkova, her lawyer Ivan Dorn said. Anna Roe, the mother of lawyer Oleg Marchenko, was detained.",
        );
        assert!(
            !e.iter()
                .any(|(n, _, v)| n == "Irina Volkova" && v == "lawyer"),
            "{e:?}"
        );
        assert!(
            e.iter().any(|(n, _, v)| n == "Anna Roe" && v == "mother"),
            "{e:?}"
        );
        // an apposition giving the age
        let c = run("Juan López, a 45-year-old defender of the river, was murdered.");
        assert!(
            c.contains(&("Juan López".into(), "age".into(), "45".into())),
            "{c:?}"
        );
        // and the noun the name is in apposition to
        let c = run("A 43-year-old Georgian man, Zurab Tsereteli, was shot dead.");
        assert!(
            c.contains(&("Zurab Tsereteli".into(), "age".into(), "43".into())),
            "{c:?}"
        );
        // not a thing's age
        let c = run("After a 10-year-old case was reopened, Zurab Tsereteli was arrested.");
        assert!(!c.iter().any(|(_, k, _)| k == "age"), "{c:?}");
    }

    /// An age holds on the report's day: a report of 3 October giving 46 and one of 4 October
    /// giving 45 cannot both hold, which a month would hide.
    #[test]
    fn an_age_holds_on_the_reports_day() {
        let text = "Juan López, 46, was murdered.";
        let mut d = crate::test_doc(text);
        let day = DateValue::day(chrono::NaiveDate::from_ymd_opt(2025, 10, 3).unwrap());
        d.published = Some(day.clone());
        let s = sentences(text);
        let m = names::find(&d, &s);
        let ages: Vec<Option<DateValue>> = find(&d, &s, &m)
            .into_iter()
            .filter(|a| a.name == "age")
            .map(|a| a.as_of)
            .collect();
        assert_eq!(ages, [Some(day)]);
    }

    #[test]
    fn roles_and_affiliations() {
        let has = |a: &[(String, String, String)], name: &str, kind: &str, value: &str| {
            a.contains(&(name.into(), kind.into(), value.into()))
        };
        let a = run("\"We will appeal,\" a lawyer for the Harbour Rights Network, Irina Volkova, told reporters. Pavel Ostrov, a government spokesperson from Kestrel, said no.");
        assert!(has(&a, "Irina Volkova", "role", "lawyer"), "{a:?}");
        let network = "Harbour Rights Network";
        assert!(has(&a, "Irina Volkova", "affiliation", network), "{a:?}");
        assert!(
            has(&a, "Pavel Ostrov", "role", "government spokesperson"),
            "{a:?}"
        );
        // an organisation elsewhere in the clause is no affiliation; one right before the role is
        let a = run("Turkish authorities must halt the deportation of activist Oleg Marchenko.");
        assert!(
            !a.iter()
                .any(|(n, k, _)| n == "Oleg Marchenko" && k == "affiliation"),
            "{a:?}"
        );
        for text in [
            "Harbour Rights Network lawyer Irina Volkova said no.",
            "«Harbour Rights Network» lawyer Irina Volkova said no.",
        ] {
            let a = run(text);
            assert!(has(&a, "Irina Volkova", "affiliation", network), "{a:?}");
        }
        // a role before a comma that opens the sentence's own clause is someone else's
        let a = run("According to his lawyer, Oleg Marchenko was beaten by riot police.");
        assert!(
            !a.iter()
                .any(|(n, k, _)| n == "Oleg Marchenko" && k == "role"),
            "{a:?}"
        );
        // an appositive's role is its head; a clause of "whose", or a list of others, gives
        // the name none
        for (text, name, want) in [
            (
                "Anna Kell, the mother of human rights lawyer Ivan Dorn, was taken away.",
                "Anna Kell",
                Some("mother"),
            ),
            (
                "Anna Kell, whose son is a human rights lawyer, was taken away.",
                "Anna Kell",
                None,
            ),
            (
                "The men beat Anna Kell, her husband and their daughter in the flat.",
                "Anna Kell",
                None,
            ),
        ] {
            let a = run(text);
            let got = a
                .iter()
                .find(|(n, k, _)| n == name && k == "role")
                .map(|(_, _, v)| v.as_str());
            assert_eq!(got, want, "{text}: {a:?}");
        }
    }
}
