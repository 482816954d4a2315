//! Feature extraction for the tagger. Each feature is a string template hashed to 64 bits.

use std::collections::HashSet;

use crate::lexicon;

/// What the rest of the document says about words: which are written capitalised inside a
/// sentence somewhere, and which in lower case.
#[derive(Default, Clone)]
pub struct DocContext {
    pub capitalised: HashSet<String>,
    pub lower: HashSet<String>,
    /// What a first pass of the tagger made of each word (lower case) elsewhere in the
    /// document: the entity type it gave it most often. Empty in the first pass.
    pub labels: std::collections::HashMap<String, String>,
}

impl DocContext {
    /// Build from the sentences of one document (or a window of sentences).
    pub fn from_sentences<'a>(sentences: impl IntoIterator<Item = &'a [String]>) -> Self {
        let mut c = DocContext::default();
        for s in sentences {
            for (i, w) in s.iter().enumerate() {
                let first = w.chars().next();
                if first.is_some_and(char::is_lowercase) {
                    c.lower.insert(w.to_lowercase());
                } else if i > 0
                    && first.is_some_and(char::is_uppercase)
                    && !w.chars().all(|c| !c.is_lowercase())
                {
                    c.capitalised.insert(w.to_lowercase());
                }
            }
        }
        c
    }

    /// This context with the first pass's labels: each word (lower case) of a name the first
    /// pass found, with the type it gave that word most often in the document.
    pub fn with_labels<'a>(
        &self,
        tagged: impl IntoIterator<Item = (&'a [String], &'a [String])>,
    ) -> DocContext {
        let mut counts: std::collections::HashMap<String, Vec<(String, usize)>> =
            std::collections::HashMap::new();
        for (words, tags) in tagged {
            for (a, b, ty) in super::conll::spans(tags) {
                for w in &words[a..b] {
                    let e = counts.entry(w.to_lowercase()).or_default();
                    match e.iter_mut().find(|(t, _)| *t == ty) {
                        Some(x) => x.1 += 1,
                        None => e.push((ty.clone(), 1)),
                    }
                }
            }
        }
        let labels = counts
            .into_iter()
            .filter_map(|(w, mut ts)| {
                ts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                ts.first().map(|(t, _)| (w, t.clone()))
            })
            .collect();
        DocContext {
            capitalised: self.capitalised.clone(),
            lower: self.lower.clone(),
            labels,
        }
    }
}

/// FNV-1a over a template tag and a string.
fn h(tag: &str, s: &str) -> u64 {
    hp(tag, &[s])
}

/// [`h`] of the tag and the parts written one after the other (`hp("t", &[a, "|", b])` is
/// `h("t", &format!("{a}|{b}"))`), without writing them out.
fn hp(tag: &str, parts: &[&str]) -> u64 {
    let mut x: u64 = 0xcbf29ce484222325;
    for b in tag
        .bytes()
        .chain([0xff])
        .chain(parts.iter().flat_map(|p| p.bytes()))
    {
        x ^= b as u64;
        x = x.wrapping_mul(0x100000001b3);
    }
    x
}

#[cfg(test)]
#[test]
fn parts_hash_as_the_written_string_does() {
    assert_eq!(hp("l-1|l", &["the", "|", "court"]), h("l-1|l", "the|court"));
    assert_eq!(
        hp("c", &["2", ":", "1017"]),
        h("c", &format!("{}:{}", 2, 1017))
    );
    let (mut a, mut b) = ([0u8; 20], [0u8; 20]);
    assert_eq!(num(0, &mut a), "0");
    assert_eq!(num(65535, &mut b), "65535");
}

/// Small numbers as text, for features that count.
const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

fn shape(w: &str, collapse: bool) -> String {
    let mut out = String::new();
    let mut last = '\0';
    for c in w.chars().take(12) {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if !(collapse && k == last) {
            out.push(k);
        }
        last = k;
    }
    out
}

/// Gazetteer tags for each token: "B-city", "I-country", … (longest match, up to four words,
/// starting with a capitalised word).
fn gazetteer(words: &[String]) -> Vec<Option<String>> {
    let mut out = vec![None; words.len()];
    let mut i = 0;
    while i < words.len() {
        let cap = words[i].chars().next().is_some_and(char::is_uppercase);
        let mut matched = 0;
        if cap {
            for n in (1..=4.min(words.len() - i)).rev() {
                let phrase = words[i..i + n].join(" ");
                if let Some(p) = lexicon::place(&phrase) {
                    if n > 1 || words[i].len() > 2 {
                        for (k, o) in out.iter_mut().enumerate().skip(i).take(n) {
                            *o = Some(format!("{}-{}", if k == i { "B" } else { "I" }, p.kind));
                        }
                        matched = n;
                        break;
                    }
                }
            }
        }
        i += matched.max(1);
    }
    out
}

/// The word at `i` of a sentence, or the sentence's edges `<s>` and `</s>` beyond it.
fn get(v: &[String], i: isize) -> &str {
    if i < 0 {
        "<s>"
    } else if i as usize >= v.len() {
        "</s>"
    } else {
        &v[i as usize]
    }
}

/// Corporate and club suffixes that end an organisation's name.
const ORG_SUFFIXES: &[&str] = &[
    "inc",
    "inc.",
    "corp",
    "corp.",
    "co",
    "co.",
    "ltd",
    "ltd.",
    "plc",
    "llc",
    "ag",
    "sa",
    "nv",
    "gmbh",
    "fc",
    "club",
    "united",
    "city",
    "rovers",
    "wanderers",
];

/// For each token in a run of capitalised words ("European Court of Human Rights", "Cal
/// Anderson Park"), what the run's last word says it is: `org` (an organisation head or
/// suffix), `loc` (a landmark head).
fn run_heads(words: &[String]) -> Vec<Option<&'static str>> {
    let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let mut out = vec![None; words.len()];
    let mut i = 0;
    while i < words.len() {
        if !cap(&words[i]) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < words.len()
            && (cap(&words[j])
                || (matches!(words[j].as_str(), "of" | "for" | "and" | "&")
                    && j + 1 < words.len()
                    && cap(&words[j + 1])))
        {
            j += 1;
        }
        if j - i >= 2 {
            let last = words[j - 1].to_lowercase();
            let head = if crate::names::ORG_HEADS.contains(&last.as_str())
                || ORG_SUFFIXES.contains(&last.as_str())
            {
                Some("org")
            } else if crate::names::is_landmark_head(&last) {
                Some("loc")
            } else {
                None
            };
            for o in out.iter_mut().take(j).skip(i) {
                *o = head;
            }
        }
        i = j;
    }
    out
}

/// Features from the tables: the word classes of the word and its neighbours, what its
/// capitalised run's last word says, and the gazetteer.
fn table_features(
    f: &mut Vec<u64>,
    i: usize,
    lower: &[String],
    shapes: &[String],
    gz: &[Option<String>],
    heads: &[Option<&'static str>],
) {
    let clusters = super::clusters::shipped();
    // word classes learned from unlabelled text, of the word and its neighbours
    for (tag, d) in [
        ("c", 0isize),
        ("c-1", -1),
        ("c+1", 1),
        ("c-2", -2),
        ("c+2", 2),
    ] {
        if let Some(cs) = clusters.of(get(lower, i as isize + d)) {
            for (level, c) in cs.iter().enumerate() {
                let (mut a, mut b) = ([0u8; 20], [0u8; 20]);
                f.push(hp(
                    tag,
                    &[num(level, &mut a), ":", num(usize::from(*c), &mut b)],
                ));
            }
        }
    }
    if let Some(cs) = clusters.of(&lower[i]) {
        let mut a = [0u8; 20];
        let n = num(usize::from(cs[cs.len() - 1]), &mut a);
        f.push(hp("c|s", &[n, "|", &shapes[i]]));
    }

    if let Some(head) = heads[i] {
        f.push(h("head", head));
        f.push(hp("head|s", &[head, "|", &shapes[i]]));
    }
    if let Some(g) = &gz[i] {
        f.push(h("gz", g));
        f.push(hp("gz|s", &[g, "|", &shapes[i]]));
    }
    if i + 1 < lower.len() {
        if let Some(g) = &gz[i + 1] {
            f.push(h("gz+1", g));
        }
    }
    if i > 0 {
        if let Some(g) = &gz[i - 1] {
            f.push(h("gz-1", g));
        }
    }
}

/// A number written in decimal into `buf`, without allocating.
fn num(mut n: usize, buf: &mut [u8; 20]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[i..]).expect("ASCII digits")
}

/// Features of every token of a sentence.
pub fn sentence(words: &[String], doc: &DocContext) -> Vec<Vec<u64>> {
    let n = words.len();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let shapes: Vec<String> = words.iter().map(|w| shape(w, true)).collect();
    let gz = gazetteer(words);
    let heads = run_heads(words);
    let all_caps_sentence = words
        .iter()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .all(|w| !w.chars().any(char::is_lowercase));
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let w = &words[i];
        let l = &lower[i];
        let ii = i as isize;
        let mut f = Vec::with_capacity(48);
        f.push(h("b", ""));
        f.push(h("w", w));
        f.push(h("l", l));
        f.push(h("s", &shapes[i]));
        f.push(h("S", &shape(w, false)));
        // the first and last one to four characters
        let starts: Vec<usize> = l.char_indices().map(|(b, _)| b).collect();
        let nc = starts.len();
        for k in 1..=4.min(nc) {
            let prefix_end = starts.get(k).copied().unwrap_or(l.len());
            f.push(h(["p1", "p2", "p3", "p4"][k - 1], &l[..prefix_end]));
            f.push(h(["x1", "x2", "x3", "x4"][k - 1], &l[starts[nc - k]..]));
        }
        let first = w.chars().next().unwrap_or(' ');
        let title = first.is_uppercase() && w.chars().skip(1).any(char::is_lowercase);
        let caps = w.chars().filter(|c| c.is_alphabetic()).count() > 0
            && !w.chars().any(char::is_lowercase);
        if title {
            f.push(h("title", if i == 0 { "first" } else { "mid" }));
        }
        if caps {
            f.push(h(
                "caps",
                if all_caps_sentence {
                    "sentence"
                } else {
                    "word"
                },
            ));
        }
        if w.chars().any(|c| c.is_ascii_digit()) {
            f.push(h("digit", ""));
        }
        if w.contains('-') {
            f.push(h("hyphen", ""));
        }
        if i == 0 {
            f.push(h("first", ""));
        }
        f.push(h("len", DIGITS[w.chars().count().min(8)]));
        for (tag, d) in [("l-1", -1isize), ("l+1", 1), ("l-2", -2), ("l+2", 2)] {
            f.push(h(tag, get(&lower, ii + d)));
        }
        for (tag, d) in [("s-1", -1isize), ("s+1", 1)] {
            f.push(h(tag, get(&shapes, ii + d)));
        }
        f.push(hp("l-1|l", &[get(&lower, ii - 1), "|", l]));
        f.push(hp("l|l+1", &[l, "|", get(&lower, ii + 1)]));
        f.push(hp(
            "s-1|s|s+1",
            &[
                get(&shapes, ii - 1),
                "|",
                &shapes[i],
                "|",
                get(&shapes, ii + 1),
            ],
        ));
        table_features(&mut f, i, &lower, &shapes, &gz, &heads);
        // document: written capitalised elsewhere inside a sentence; written in lower case elsewhere
        if title || caps {
            let c = doc.capitalised.contains(l);
            let lo = doc.lower.contains(l);
            let bit = |b: bool| DIGITS[usize::from(b)];
            f.push(hp("doc", &[bit(c), bit(lo), bit(i == 0)]));
            if let Some(t) = doc.labels.get(l) {
                f.push(h("agg", t));
                f.push(hp("agg|s", &[t, "|", &shapes[i]]));
            }
        }
        out.push(f);
    }
    out
}
