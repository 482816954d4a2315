//! Name matching that knows how names are written: transliteration keys that make variants
//! of one name equal (kh/h, -yev/-ev, Cyrillic/Latin, diacritics), and tests of whether two
//! name forms can belong to one person. Used by resolve (merging) and reconcile (spelling
//! discrepancies).

/// Strip Latin diacritics (é → e, ž → z) for matching.
pub fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ě' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ō' | 'ø' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ů' => 'u',
            'ý' | 'ÿ' => 'y',
            'č' | 'ç' | 'ć' => 'c',
            'š' | 'ś' | 'ş' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            'ñ' | 'ń' => 'n',
            'ř' => 'r',
            'ł' => 'l',
            'đ' | 'ď' => 'd',
            'ť' => 't',
            c => c,
        })
        .collect()
}

/// Cyrillic to Latin (a simple BGN/PCGN-like scheme), so that "Салех" and "Salekh" meet.
pub fn latin(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let t = match lower {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' => "e",
            'ё' => "yo",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'й' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' => "",
            'ы' => "y",
            'ь' => "",
            'э' => "e",
            'ю' => "yu",
            'я' => "ya",
            _ => {
                out.push(c);
                continue;
            }
        };
        if c.is_uppercase() {
            let mut it = t.chars();
            if let Some(f) = it.next() {
                out.extend(f.to_uppercase());
                out.push_str(it.as_str());
            }
        } else {
            out.push_str(t);
        }
    }
    out
}

/// A matching key for one name word: lower case, no diacritics, Latin script, and the common
/// romanisation differences levelled (kh/h, -yev/-ev, ya/ia/a, iy/y/i, ts/tz/c, w/v, doubled
/// letters).
pub fn key(word: &str) -> String {
    let mut s = if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        fold(&latin(word).to_lowercase())
    };
    s.retain(|c| c.is_alphanumeric());
    for (a, b) in [
        ("shch", "sch"),
        ("kh", "h"),
        ("yev", "ev"),
        ("jev", "ev"),
        ("iev", "ev"),
        ("yeh", "eh"),
        ("iy", "i"),
        ("yi", "i"),
        ("ij", "i"),
        ("ya", "a"),
        ("ia", "a"),
        ("ja", "a"),
        ("yu", "u"),
        ("ju", "u"),
        ("iu", "u"),
        ("ye", "e"),
        ("je", "e"),
        ("tz", "c"),
        ("ts", "c"),
        ("ks", "x"),
        ("w", "v"),
        ("y", "i"),
        ("j", "i"),
    ] {
        if s.contains(a) {
            s = s.replace(a, b);
        }
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Levenshtein distance (chars), exiting early above 2.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 2 {
        return 3;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Whether two words of a name (given names or surnames) can be the same word written two
/// ways: equal keys, an initial of the other, or one edit apart when long enough and sharing a
/// start ("Salek"/"Salekh", "Bestvet"/"Bestsvet").
pub fn words_compatible(a: &str, b: &str) -> bool {
    keys_compatible(a, &key(a), b, &key(b))
}

/// [`words_compatible`] with the keys already computed (`ka = key(a)`, `kb = key(b)`).
pub fn keys_compatible(a: &str, ka: &str, b: &str, kb: &str) -> bool {
    if ka == kb {
        return true;
    }
    let initial = |x: &str, y: &str| {
        x.trim_end_matches('.').chars().count() == 1
            && y.starts_with(x.trim_end_matches('.').to_lowercase().as_str())
    };
    if initial(&a.to_lowercase(), kb) || initial(&b.to_lowercase(), ka) {
        return true;
    }
    let shared_start = ka.chars().take(3).eq(kb.chars().take(3));
    shared_start && ka.chars().count().min(kb.chars().count()) >= 4 && edit_distance(ka, kb) <= 1
}

/// Whether two full person names can be the same person: surnames compatible and given names
/// compatible (or one absent).
pub fn person_names_compatible(a: &[&str], b: &[&str]) -> bool {
    let (Some(sa), Some(sb)) = (a.last(), b.last()) else {
        return false;
    };
    if !words_compatible(sa, sb) {
        return false;
    }
    if a.len() == 1 || b.len() == 1 {
        return true;
    }
    words_compatible(a[0], b[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliteration_variants_meet() {
        assert_eq!(key("Dudyaev"), key("Dudayev"));
        assert_eq!(key("Salekh"), key("Saleh"));
        assert_eq!(key("Isayev"), key("Isaev"));
        assert_eq!(key("Alexeyev"), key("Alekseev"));
        assert_eq!(key("Магамадов"), key("Magamadov"));
        assert_eq!(key("Салех"), key("Salekh"));
        assert!(words_compatible("Salek", "Salekh"));
        assert!(words_compatible("Bestvet", "Bestsvet"));
        assert!(!words_compatible("Nemov", "Alexeyev"));
        assert!(!words_compatible("Marc", "Mathias"));
        assert!(person_names_compatible(
            &["Salek", "Magamadov"],
            &["Saleh", "Magamadov"]
        ));
        assert!(!person_names_compatible(
            &["Ramzan", "Kadyrov"],
            &["Adam", "Kadyrov"]
        ));
        assert!(person_names_compatible(
            &["A.", "Nemov"],
            &["Alexander", "Nemov"]
        ));
    }
}
