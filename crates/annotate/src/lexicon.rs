//! The tables the annotator ships with: word counts from CoNLL-2003 training text
//! (`data/lexicon.tsv`, built by `scripts/build_lexicon.py`) and the place gazetteer
//! (`data/places.tsv`, built by `scripts/build_gazetteer.py` from GeoNames and ISO 3166).

use std::collections::HashMap;
use std::sync::OnceLock;

use casefile_names::edit_distance;

/// Counts for one word (keyed lower-cased) in the training text.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordStats {
    pub lower: u32,
    pub cap_mid: u32,
    pub cap_init: u32,
    pub per: u32,
    pub org: u32,
    pub loc: u32,
    pub misc: u32,
    pub per_first: u32,
    pub per_last: u32,
    /// Times it opens a place name of several words ("Saudi" in "Saudi Arabia").
    pub loc_head: u32,
}

impl WordStats {
    /// Written in lower case more often than capitalised inside sentences: a common word.
    pub fn common(&self) -> bool {
        self.lower >= 2 && self.lower >= self.cap_mid
    }
    pub fn entity_total(&self) -> u32 {
        self.per + self.org + self.loc + self.misc
    }
    /// A nationality or other adjective of affiliation ("Chechen", "Russian", "Saudi"): tagged
    /// MISC more often than anything else, never written in lower case. The first word of a
    /// place name of several words does not count against it: "Saudi Arabia" is a place,
    /// "Saudi" alone a nationality.
    pub fn demonym(&self) -> bool {
        self.misc >= 3
            && self.misc * 2 > self.entity_total().saturating_sub(self.loc_head)
            && self.lower == 0
    }
    pub fn given_name(&self) -> bool {
        self.per_first >= 2 && self.per_first * 2 >= self.per
    }
}

pub fn word(w: &str) -> WordStats {
    static T: OnceLock<HashMap<String, WordStats>> = OnceLock::new();
    let t = T.get_or_init(|| {
        let mut m = HashMap::new();
        for line in include_str!("../data/lexicon.tsv").lines().skip(1) {
            let mut f = line.split('\t');
            let Some(k) = f.next() else { continue };
            let n: Vec<u32> = f.map(|x| x.parse().unwrap_or(0)).collect();
            if n.len() < 9 {
                continue;
            }
            m.insert(
                k.to_string(),
                WordStats {
                    lower: n[0],
                    cap_mid: n[1],
                    cap_init: n[2],
                    per: n[3],
                    org: n[4],
                    loc: n[5],
                    misc: n[6],
                    per_first: n[7],
                    per_last: n[8],
                    loc_head: n.get(9).copied().unwrap_or(0),
                },
            );
        }
        m
    });
    t.get(&w.to_lowercase()).copied().unwrap_or_default()
}

/// A gazetteer entry.
#[derive(Debug, Clone)]
pub struct Place {
    pub name: String,
    pub kind: String,
    pub country: String,
    pub population: u64,
}

struct Gazetteer {
    by_name: HashMap<String, usize>,
    /// first four letters (lower-cased) → entries, for near-miss spellings
    by_prefix: HashMap<String, Vec<usize>>,
    places: Vec<Place>,
}

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let mut places = Vec::new();
        let mut by_name = HashMap::new();
        let mut by_prefix: HashMap<String, Vec<usize>> = HashMap::new();
        for line in include_str!("../data/places.tsv").lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 4 {
                continue;
            }
            let i = places.len();
            places.push(Place {
                name: f[0].into(),
                kind: f[1].into(),
                country: f[2].into(),
                population: f[3].parse().unwrap_or(0),
            });
            by_name.insert(f[0].to_lowercase(), i);
            let key: String = f[0].to_lowercase().chars().take(4).collect();
            by_prefix.entry(key).or_default().push(i);
        }
        Gazetteer {
            by_name,
            by_prefix,
            places,
        }
    })
}

/// The countries of the gazetteer.
pub fn countries() -> impl Iterator<Item = &'static Place> {
    gazetteer().places.iter().filter(|p| p.kind == "country")
}

/// Exact gazetteer look-up (case-insensitive).
pub fn place(name: &str) -> Option<&'static Place> {
    let g = gazetteer();
    g.by_name.get(&name.to_lowercase()).map(|&i| &g.places[i])
}

/// The country an abbreviation names by its ISO 3166 code, written with or without points
/// ("U.S.", "US").
pub fn country_by_code(abbreviation: &str) -> Option<&'static Place> {
    let code: String = abbreviation.chars().filter(|c| *c != '.').collect();
    if code.len() != 2 || !code.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    gazetteer()
        .places
        .iter()
        .filter(|p| p.kind == "country" && p.country == code)
        .max_by_key(|p| p.population)
}

/// A gazetteer entry one edit away from `name` (for names of 8 letters or more, sharing the first
/// four letters and the word count): "Nizhny Novogorod" → "Nizhny Novgorod". Only places of
/// some size, to keep misspelling matches meaningful.
pub fn place_near(name: &str) -> Option<&'static Place> {
    if name.chars().count() < 8 {
        return None;
    }
    let g = gazetteer();
    let lower = name.to_lowercase();
    let key: String = lower.chars().take(4).collect();
    let words = lower.split_whitespace().count();
    let keyed = romanised(&lower);
    let mut best: Option<&Place> = None;
    for &i in g.by_prefix.get(&key)? {
        let p = &g.places[i];
        let pl = p.name.to_lowercase();
        if pl.split_whitespace().count() != words || (p.kind == "city" && p.population < 100_000) {
            continue;
        }
        // one slip, or the same words in another romanisation ("Nizhnii"/"Nizhny")
        let near = edit_distance(&pl, &lower) <= 1 || romanised(&pl) == keyed;
        if near && best.is_none_or(|b| b.population < p.population) {
            best = Some(p);
        }
    }
    best
}

/// A place name's words as the name matcher keys them (romanisation differences levelled).
fn romanised(name: &str) -> Vec<String> {
    name.split_whitespace().map(casefile_names::key).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load() {
        assert!(word("the").common());
        assert!(word("russian").demonym());
        assert!(word("alexander").given_name());
        assert_eq!(place("moscow").unwrap().country, "RU");
        assert_eq!(
            place_near("Nizhny Novogorod").unwrap().name,
            "Nizhny Novgorod"
        );
        assert!(place_near("Nizhnyi Novgorod").is_some_and(|p| p.country == "RU"));
        assert!(place_near("Mark Alexeyev").is_none());
        assert_eq!(edit_distance("bestvet", "bestsvet"), 1);
    }
}
