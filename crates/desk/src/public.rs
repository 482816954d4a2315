//! A public export: the case file with every protected person given a pseudonym.
//!
//! A documenter publishes what happened without exposing a victim or a witness who asked not to
//! be named. Each protected entity gets a pseudonym ("Person A", "Person B", in the order they
//! were protected, so the same person keeps the same pseudonym from export to export). Every
//! word of every string of the case file (names, aliases, quotes, passages, labels, notes, source
//! texts, titles, file names, ids) that is a form of a protected name is replaced: the spellings
//! the reports use and every romanisation the name matcher accepts as the same word
//! ([`casefile_names::romanisations_compatible`]), and the feminine or masculine form of a
//! surname, which names the family. A run of such words becomes one pseudonym. Byte ranges into a
//! report's text are moved to the pseudonymised text, so every passage still points at its words.
//!
//! **Invariant:** over-redaction is the safe side: a word is replaced when it could be a
//! protected name, even if it names someone else too.

use std::collections::{BTreeMap, HashMap};

use casefile_model::CaseFile;
use casefile_names::{key, NameWord};
use serde_json::Value;

/// Words that are part of names but name nobody on their own.
const PARTICLES: &[&str] = &[
    "the", "of", "and", "bin", "ibn", "bint", "al", "el", "von", "van", "der", "de", "la", "le",
    "mr", "mrs", "ms", "dr",
];

/// The pseudonym of the `n`-th protected entity: Person A … Person Z, Person AA, …
pub fn pseudonym(n: usize) -> String {
    let mut letters = String::new();
    let mut k = n;
    loop {
        letters.insert(0, (b'A' + (k % 26) as u8) as char);
        if k < 26 {
            break;
        }
        k = k / 26 - 1;
    }
    format!("Person {letters}")
}

/// The words a protected entity is named by, each with the pseudonym it becomes.
struct Protected {
    words: Vec<(String, usize)>,
    pseudonyms: Vec<String>,
    /// word (lower case) → the entity it names, or None; computed once per distinct word
    seen: std::cell::RefCell<HashMap<String, Option<usize>>>,
}

impl Protected {
    fn new(forms: &[Vec<String>]) -> Self {
        let mut words = Vec::new();
        for (n, f) in forms.iter().enumerate() {
            for form in f {
                for w in form.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’') {
                    let w = w.trim_matches(['\'', '’']);
                    let lw = w.to_lowercase();
                    if w.chars().count() >= 3
                        && !PARTICLES.contains(&lw.as_str())
                        && !words.iter().any(|(x, k)| *x == lw && *k == n)
                    {
                        words.push((lw, n));
                    }
                }
            }
        }
        Protected {
            words,
            pseudonyms: (0..forms.len()).map(pseudonym).collect(),
            seen: Default::default(),
        }
    }

    /// The protected entity a word names, if any.
    fn names(&self, word: &str) -> Option<usize> {
        if word.chars().count() < 3 {
            return None;
        }
        let lw = word.to_lowercase();
        if let Some(&hit) = self.seen.borrow().get(&lw) {
            return hit;
        }
        let nw = NameWord::new(&lw);
        let k = key(&lw);
        let hit = self.words.iter().find_map(|(p, n)| {
            let pk = key(p);
            let same = *p == lw
                || casefile_names::words_match(&nw, &NameWord::new(p))
                // Isayev / Isayeva: the family's name, the same person's surname
                || (k.len() >= 4
                    && pk.len() >= 4
                    && (k.starts_with(&pk) || pk.starts_with(&k))
                    && k.len().abs_diff(pk.len()) <= 2);
            same.then_some(*n)
        });
        self.seen.borrow_mut().insert(lw, hit);
        hit
    }

    /// `s` with every protected name replaced, and the edits made: (start, end, replacement
    /// length) in `s`'s bytes, in order.
    fn replace(&self, s: &str) -> (String, Vec<(usize, usize, usize)>) {
        // words: maximal runs of letters, digits and inner apostrophes
        let mut spans: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, entity)
        let mut i = 0;
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        while i < chars.len() {
            if !chars[i].1.is_alphanumeric() {
                i += 1;
                continue;
            }
            let start = chars[i].0;
            let mut j = i;
            while j < chars.len()
                && (chars[j].1.is_alphanumeric()
                    || (matches!(chars[j].1, '\'' | '’')
                        && chars.get(j + 1).is_some_and(|c| c.1.is_alphanumeric())))
            {
                j += 1;
            }
            let end = chars.get(j).map_or(s.len(), |c| c.0);
            let word = &s[start..end];
            // "Magamadov's": the name without the possessive
            let bare = word
                .strip_suffix("'s")
                .or_else(|| word.strip_suffix("’s"))
                .unwrap_or(word);
            if let Some(n) = self.names(bare) {
                spans.push((start, start + bare.len(), n));
            }
            i = j;
        }
        if spans.is_empty() {
            return (s.to_string(), Vec::new());
        }
        // a run of one entity's words, apart only by spaces or hyphens, is one pseudonym
        let mut runs: Vec<(usize, usize, usize)> = Vec::new();
        for (a, b, n) in spans {
            match runs.last_mut() {
                Some(last)
                    if last.2 == n
                        && s[last.1..a].chars().all(|c| c == ' ' || c == '-')
                        && !s[last.1..a].is_empty() =>
                {
                    last.1 = b
                }
                _ => runs.push((a, b, n)),
            }
        }
        let mut out = String::with_capacity(s.len());
        let mut at = 0;
        let mut edits = Vec::new();
        for (a, b, n) in runs {
            out.push_str(&s[at..a]);
            let p = &self.pseudonyms[n];
            out.push_str(p);
            edits.push((a, b, p.len()));
            at = b;
        }
        out.push_str(&s[at..]);
        (out, edits)
    }
}

/// Where byte `o` of a text lands after `edits` (a start inside a replaced word moves to the
/// pseudonym's start, an end to its end).
fn moved(edits: &[(usize, usize, usize)], o: usize, is_end: bool) -> usize {
    let mut shift: isize = 0;
    for &(a, b, len) in edits {
        if b <= o {
            shift += len as isize - (b - a) as isize;
        } else if a < o {
            // inside a replaced word
            let base = (a as isize + shift) as usize;
            return if is_end { base + len } else { base };
        } else {
            break;
        }
    }
    (o as isize + shift) as usize
}

/// Move the byte ranges of `v` (objects with `doc`, `start`, `end`) to the edited texts.
fn move_spans(v: &mut Value, edits: &BTreeMap<String, Vec<(usize, usize, usize)>>) {
    match v {
        Value::Object(map) => {
            let doc = map.get("doc").and_then(Value::as_str).map(str::to_string);
            if let Some(e) = doc.as_ref().and_then(|d| edits.get(d)) {
                for (field, is_end) in [("start", false), ("end", true)] {
                    if let Some(o) = map.get(field).and_then(Value::as_u64) {
                        map.insert(field.into(), Value::from(moved(e, o as usize, is_end)));
                    }
                }
            }
            for (_, x) in map.iter_mut() {
                move_spans(x, edits);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| move_spans(x, edits)),
        _ => {}
    }
}

/// Replace protected names in every string of `v`.
fn replace_strings(v: &mut Value, p: &Protected) {
    match v {
        Value::String(s) => {
            let (new, edits) = p.replace(s);
            if !edits.is_empty() {
                *s = new;
            }
        }
        Value::Object(map) => map.values_mut().for_each(|x| replace_strings(x, p)),
        Value::Array(a) => a.iter_mut().for_each(|x| replace_strings(x, p)),
        _ => {}
    }
}

/// The case file with the entities marked protected given pseudonyms, in the order of `order`
/// (entity names, the order they were protected; protected entities not in it follow, by id).
/// Returns the public case file and the pseudonyms given: (entity name, pseudonym).
pub fn pseudonymise(file: &CaseFile, order: &[String]) -> (CaseFile, Vec<(String, String)>) {
    let mut protected: Vec<&casefile_model::Entity> =
        file.entities.iter().filter(|e| e.protected).collect();
    let rank = |e: &casefile_model::Entity| {
        order
            .iter()
            .position(|n| *n == e.name || e.aliases.contains(n))
            .unwrap_or(usize::MAX)
    };
    protected.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.id.cmp(&b.id)));
    if protected.is_empty() {
        return (file.clone(), Vec::new());
    }
    // every form each is named by: name, aliases, and the words of each mention
    let text_of = |doc: &str, s: usize, e: usize| {
        file.documents
            .iter()
            .find(|d| d.id == doc)
            .and_then(|d| d.text.get(s..e))
            .map(str::to_string)
    };
    let forms: Vec<Vec<String>> = protected
        .iter()
        .map(|e| {
            let mut f = vec![e.name.clone()];
            f.extend(e.aliases.iter().cloned());
            f.extend(
                e.mentions
                    .iter()
                    .filter_map(|m| text_of(&m.doc, m.start, m.end)),
            );
            f
        })
        .collect();
    let p = Protected::new(&forms);
    let given: Vec<(String, String)> = protected
        .iter()
        .enumerate()
        .map(|(n, e)| (e.name.clone(), pseudonym(n)))
        .collect();

    let mut v = serde_json::to_value(file).expect("a case file is JSON");
    // the reports' texts first, keeping the edits to move every byte range after them
    let mut edits: BTreeMap<String, Vec<(usize, usize, usize)>> = BTreeMap::new();
    if let Some(docs) = v.get_mut("documents").and_then(Value::as_array_mut) {
        for d in docs {
            let id = d
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let Some(text) = d.get("text").and_then(Value::as_str) else {
                continue;
            };
            let (new, e) = p.replace(text);
            d["text"] = Value::String(new);
            if e.is_empty() {
                continue;
            }
            // the document's own ranges: boilerplate, metadata spans
            if let Some(bp) = d.get_mut("boilerplate").and_then(Value::as_array_mut) {
                for b in bp {
                    for (field, is_end) in [("start", false), ("end", true)] {
                        if let Some(o) = b.get(field).and_then(Value::as_u64) {
                            b[field] = Value::from(moved(&e, o as usize, is_end));
                        }
                    }
                }
            }
            if let Some(md) = d.get_mut("metadata").and_then(Value::as_array_mut) {
                for m in md {
                    if let Some([s, t]) = m.get("span").and_then(Value::as_array).map(|a| {
                        [
                            a.first().and_then(Value::as_u64),
                            a.get(1).and_then(Value::as_u64),
                        ]
                    }) {
                        if let (Some(s), Some(t)) = (s, t) {
                            m["span"] = serde_json::json!([
                                moved(&e, s as usize, false),
                                moved(&e, t as usize, true)
                            ]);
                        }
                    }
                }
            }
            edits.insert(id, e);
        }
    }
    move_spans(&mut v, &edits);
    // then every other string: names, quotes, labels, notes, titles, paths, ids
    replace_strings(&mut v, &p);
    let mut public: CaseFile =
        serde_json::from_value(v).expect("a pseudonymised case file is still a case file");
    for e in &mut public.entities {
        e.aliases.retain(|a| *a != e.name);
        e.aliases.dedup();
    }
    (public, given)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudonyms_run_past_z() {
        assert_eq!(pseudonym(0), "Person A");
        assert_eq!(pseudonym(25), "Person Z");
        assert_eq!(pseudonym(26), "Person AA");
        assert_eq!(pseudonym(27), "Person AB");
    }

    /// Every spelling and romanisation of a protected name becomes the pseudonym; a run of its
    /// words becomes one; other names stay; byte ranges move with the text.
    #[test]
    fn names_and_their_romanisations_are_replaced() {
        let p = Protected::new(&[vec!["Salekh Magamadov".into(), "Salek Magamadov".into()]]);
        let (out, edits) = p.replace(
            "Salekh Magamadov, 20, and Ismail Isaev. Saleh Magamedov's lawyer said Magamadova, his mother, was told.",
        );
        assert_eq!(
            out,
            "Person A, 20, and Ismail Isaev. Person A's lawyer said Person A, his mother, was told."
        );
        assert_eq!(edits[0], (0, 16, 8));
        // a range after the first name moves back by the difference
        let isaev = "Salekh Magamadov, 20, and Ismail Isaev"
            .find("Ismail")
            .unwrap();
        assert_eq!(moved(&edits, isaev, false), "Person A, 20, and ".len());
        // inside a replaced name: to the pseudonym's edges
        assert_eq!(moved(&edits, 3, false), 0);
        assert_eq!(moved(&edits, 3, true), 8);
    }
}
