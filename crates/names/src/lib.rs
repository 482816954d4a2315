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

/// A name word without the Arabic article written on it ("al-Assiri", "El-Sisi",
/// "Al-Qahtani"): left out as often as not, it is not part of what must match.
pub fn without_article(word: &str) -> &str {
    let lower_head = word.get(..3).map(str::to_ascii_lowercase);
    match lower_head.as_deref() {
        Some("al-" | "el-") if word.len() > 4 => &word[3..],
        _ => word,
    }
}

/// A matching key for one name word: lower case, no diacritics, Latin script, and the common
/// romanisation differences levelled (kh/h, -yev/-ev, ya/ia/a, iy/y/i, ts/tz/c, w/v, doubled
/// letters).
pub fn key(word: &str) -> String {
    let word = without_article(word);
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

/// Edit distance (chars) counting a letter added, dropped or changed, and two neighbours
/// swapped ("Yangulbaev"/"Yangulabev", the commonest slip of a typist), as one edit each
/// (optimal string alignment); 3 for anything above 2.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 2 {
        return 3;
    }
    let mut before: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(before[j - 2] + 1);
            }
        }
        before = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()].min(3)
}

/// The sense that a name's readings clearly give it (one sense per report, or per case): of the
/// weights the readings lend their senses (`(sense, weight)`, a sense any number of times), the
/// sense whose total is at least twice the next; None when the readings know one sense only, or
/// none wins clearly.
pub fn clear_sense<K: Copy + PartialEq>(readings: impl IntoIterator<Item = (K, f32)>) -> Option<K> {
    let mut weight: Vec<(K, f32)> = Vec::new();
    for (k, c) in readings {
        match weight.iter_mut().find(|(kk, _)| *kk == k) {
            Some(w) => w.1 += c,
            None => weight.push((k, c)),
        }
    }
    if weight.len() < 2 {
        return None;
    }
    weight.sort_by(|a, b| b.1.total_cmp(&a.1));
    (weight[0].1 >= 2.0 * weight[1].1).then_some(weight[0].0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only a sense twice as heavy as the next settles a name's sense.
    #[test]
    fn a_clear_sense_weighs_twice_the_next() {
        assert_eq!(clear_sense([('o', 1.0), ('o', 1.0), ('p', 1.0)]), Some('o'));
        assert_eq!(clear_sense([('o', 1.0), ('p', 1.0)]), None);
        assert_eq!(clear_sense([('o', 1.0), ('o', 1.0)]), None);
    }

    #[test]
    fn edits_and_swaps() {
        for (a, b, d) in [
            ("yangulbaev", "yangulabev", 1),
            ("bestvet", "bestsvet", 1),
            ("abc", "abc", 0),
            ("abc", "acb", 1),
            ("abcd", "badc", 2),
            ("salekh", "magamadov", 3),
            ("", "ab", 2),
        ] {
            assert_eq!(edit_distance(a, b), d, "{a} / {b}");
        }
        assert!(romanisations_compatible("Yangulbaev", "Yangulabev"));
    }

    #[test]
    fn transliteration_variants_meet() {
        assert_eq!(key("Dudyaev"), key("Dudayev"));
        assert_eq!(key("Salekh"), key("Saleh"));
        assert_eq!(key("Isayev"), key("Isaev"));
        assert_eq!(key("al-Assiri"), key("Asiri"));
        assert_eq!(block_key("al-Assiri"), block_key("Asiri"));
        assert!(romanisations_compatible("al-Assiri", "Asiri"));
        assert!(patronymic_last(&["Mohammed", "bin", "Salman"]));
        assert!(!patronymic_last(&["Vincent", "van", "Gogh"]));
        assert_eq!(key("Al-Qahtani"), key("Qahtani"));
        assert_ne!(key("Alan"), key("An"));
        assert_eq!(key("Alexeyev"), key("Alekseev"));
        assert_eq!(key("Магамадов"), key("Magamadov"));
        assert_eq!(key("Салех"), key("Salekh"));
        assert!(romanisations_compatible("Salek", "Salekh"));
        assert!(romanisations_compatible("Bestvet", "Bestsvet"));
        assert!(!romanisations_compatible("Nemov", "Alexeyev"));
        assert!(!romanisations_compatible("Marc", "Mathias"));
        assert!(names_compatible(
            &["Salek", "Magamadov"],
            &["Saleh", "Magamadov"]
        ));
        assert!(!names_compatible(
            &["Ramzan", "Kadyrov"],
            &["Adam", "Kadyrov"]
        ));
        assert!(names_compatible(&["A.", "Nemov"], &["Alexander", "Nemov"]));
    }
}

/// The romanisation conventions a Latin name may have been written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Convention {
    /// BGN/PCGN, ICAO, Library of Congress, ISO 9 and English practice.
    English,
    /// French practice (ou, ch for ш, tch, j for ж).
    French,
    /// German practice (w, z for ц, sch, tsch, ch for х, j).
    German,
}

pub const CONVENTIONS: [Convention; 3] =
    [Convention::English, Convention::French, Convention::German];

/// A Cyrillic-like skeleton of a name word, reading Latin text as romanised under `conv`.
/// Letters that romanisations confuse are merged: е/э/ё, и/й/ы, з/с; ь and ъ are dropped;
/// doubled letters are collapsed. Cyrillic input is read as it is.
pub fn skeleton(word: &str, conv: Convention) -> String {
    let lower = word.to_lowercase();
    let mut s: String = lower
        .chars()
        .map(|c| match c {
            'ŝ' => "щ".to_string(),
            'č' => "ч".to_string(),
            'š' => "ш".to_string(),
            'ž' => "ж".to_string(),
            'û' => "ю".to_string(),
            'â' => "я".to_string(),
            'ë' => "ё".to_string(),
            'è' | 'é' | 'ê' => "е".to_string(),
            'ĭ' | 'ï' => "й".to_string(),
            c => fold(&c.to_string()),
        })
        .collect();
    let rules: &[(&str, &str)] = match conv {
        Convention::English => &[
            ("shch", "щ"),
            ("sch", "щ"),
            ("kh", "х"),
            ("zh", "ж"),
            ("tch", "ч"),
            ("ts", "ц"),
            ("tz", "ц"),
            ("ch", "ч"),
            ("sh", "ш"),
            ("yu", "ю"),
            ("iu", "ю"),
            ("ju", "ю"),
            ("ya", "я"),
            ("ia", "я"),
            ("ja", "я"),
            ("ye", "е"),
            ("ie", "е"),
            ("je", "е"),
            ("yo", "ё"),
            ("io", "ё"),
            ("jo", "ё"),
            ("x", "кс"),
            ("c", "ц"),
            ("h", "х"),
            ("j", "й"),
            ("y", "ы"),
            ("w", "в"),
            ("q", "к"),
        ],
        Convention::French => &[
            ("chtch", "щ"),
            ("tch", "ч"),
            ("kh", "х"),
            ("ch", "ш"),
            ("dj", "дж"),
            ("ts", "ц"),
            ("iou", "ю"),
            ("you", "ю"),
            ("ou", "у"),
            ("ia", "я"),
            ("ya", "я"),
            ("io", "ё"),
            ("yo", "ё"),
            ("ie", "е"),
            ("ye", "е"),
            ("gue", "ге"),
            ("gui", "ги"),
            ("ss", "с"),
            ("j", "ж"),
            ("x", "кс"),
            ("c", "к"),
            ("h", "х"),
            ("y", "ы"),
            ("w", "в"),
            ("q", "к"),
        ],
        Convention::German => &[
            ("schtsch", "щ"),
            ("tsch", "ч"),
            ("sch", "ш"),
            ("ch", "х"),
            ("sh", "ж"),
            ("tz", "ц"),
            ("ts", "ц"),
            ("z", "ц"),
            ("ju", "ю"),
            ("ja", "я"),
            ("jo", "ё"),
            ("je", "е"),
            ("j", "й"),
            ("ss", "с"),
            ("w", "в"),
            ("x", "кс"),
            ("c", "к"),
            ("h", "х"),
            ("y", "ы"),
            ("q", "к"),
            ("v", "в"),
        ],
    };
    for (a, b) in rules {
        if s.contains(a) {
            s = s.replace(a, b);
        }
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let m = match c {
            'a' | 'а' => 'а',
            'b' | 'б' => 'б',
            'v' | 'в' => 'в',
            'g' | 'г' => 'г',
            'd' | 'д' => 'д',
            'e' | 'е' | 'э' | 'ё' => 'е',
            'z' | 'з' | 's' | 'с' => 'с',
            'i' | 'и' | 'й' | 'ы' => 'и',
            'k' | 'к' => 'к',
            'l' | 'л' => 'л',
            'm' | 'м' => 'м',
            'n' | 'н' => 'н',
            'o' | 'о' => 'о',
            'p' | 'п' => 'п',
            'r' | 'р' => 'р',
            't' | 'т' => 'т',
            'u' | 'у' => 'у',
            'f' | 'ф' => 'ф',
            'х' | 'ц' | 'ч' | 'ш' | 'щ' | 'ж' | 'ю' | 'я' => c,
            _ => continue,
        };
        if !out.ends_with(m) {
            out.push(m);
        }
    }
    // "ия" and "ия"-like runs romanise as ia/iya/iia: keep the я only
    out.replace("ия", "я").replace("ию", "ю").replace("ие", "е")
}

/// The skeletons of a word under every convention (one if it is Cyrillic).
pub fn skeletons(word: &str) -> Vec<String> {
    let word = without_article(word);
    if word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
        return vec![skeleton(word, Convention::English)];
    }
    let mut v: Vec<String> = CONVENTIONS.iter().map(|&c| skeleton(word, c)).collect();
    v.dedup();
    v
}

/// A masculine and a feminine form of one surname (Isayev / Isayeva): two people.
fn gendered_pair(a: &str, b: &str) -> bool {
    let (long, short) = if a.chars().count() > b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    (long.ends_with('а') && long.trim_end_matches('а') == short)
        || (long.ends_with("ая") && short.ends_with("ии"))
}

/// A block key for a surname that all its romanisations share: the classes of its first two
/// consonants (hushing and hissing sounds together, voiced with voiceless).
pub fn block_key(word: &str) -> String {
    let sk = skeleton(without_article(word), Convention::English);
    sk.chars()
        .filter_map(|c| match c {
            'с' | 'ц' | 'ч' | 'ш' | 'щ' | 'ж' | 'х' => Some('S'),
            'б' | 'п' => Some('P'),
            'в' | 'ф' => Some('F'),
            'г' | 'к' => Some('K'),
            'д' | 'т' => Some('T'),
            'л' | 'м' | 'н' | 'р' => Some(c),
            _ => None,
        })
        .take(2)
        .collect()
}

/// Whether a name word opens a surname written in two words ("Abd El-Fattah", "Abu Zeid", "de
/// Souza", "van Dijk"): the pair is used alone as one surname is.
pub fn surname_particle(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "abd"
            | "abdel"
            | "abdul"
            | "abdul-"
            | "abu"
            | "al"
            | "el"
            | "de"
            | "da"
            | "di"
            | "del"
            | "della"
            | "dos"
            | "das"
            | "du"
            | "van"
            | "von"
            | "le"
            | "la"
    )
}

/// Whether a name's last word names the father, not the family ("Mohammed bin Salman": son of
/// Salman): a lone "Salman" is then not this person's surname.
pub fn patronymic_last<S: AsRef<str>>(words: &[S]) -> bool {
    words.len() > 2
        && matches!(
            words[words.len() - 2].as_ref().to_lowercase().as_str(),
            "bin" | "ibn" | "bint" | "ben"
        )
}

/// A name word with its skeletons computed once, for many comparisons.
pub struct NameWord<'a> {
    pub raw: &'a str,
    pub skeletons: Vec<String>,
}

impl<'a> NameWord<'a> {
    pub fn new(raw: &'a str) -> Self {
        NameWord {
            raw,
            skeletons: skeletons(raw),
        }
    }
}

/// [`romanisations_compatible`] on precomputed skeletons.
pub fn words_match(a: &NameWord, b: &NameWord) -> bool {
    let (sa, sb) = (&a.skeletons, &b.skeletons);
    let (Some(ea), Some(eb)) = (sa.first(), sb.first()) else {
        return false;
    };
    if gendered_pair(ea, eb) {
        return false;
    }
    if sa.iter().any(|x| sb.contains(x)) {
        return true;
    }
    let initial = |raw: &str, own: &str, other: &str| {
        raw.trim_end_matches('.').chars().count() == 1 && other.chars().next() == own.chars().next()
    };
    if initial(a.raw, ea, eb) || initial(b.raw, eb, ea) {
        return true;
    }
    sa.iter().any(|x| {
        sb.iter().any(|y| {
            x.chars().count().min(y.chars().count()) >= 5
                && x.chars().take(2).eq(y.chars().take(2))
                && edit_distance(x, y) <= 1
                && !gendered_pair(x, y)
        })
    })
}

/// Whether two name words can be one word written in two romanisations (or with a letter
/// doubled, dropped or changed: "Bestvet"/"Bestsvet").
pub fn romanisations_compatible(a: &str, b: &str) -> bool {
    words_match(&NameWord::new(a), &NameWord::new(b))
}

/// Whether two full names (given names first, surname last) can be one person under any
/// romanisation: surnames compatible, and given names compatible when both have one.
pub fn names_compatible(a: &[&str], b: &[&str]) -> bool {
    let (Some(sa), Some(sb)) = (a.last(), b.last()) else {
        return false;
    };
    if !romanisations_compatible(sa, sb) {
        return false;
    }
    a.len() == 1 || b.len() == 1 || romanisations_compatible(a[0], b[0])
}
