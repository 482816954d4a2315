//! Part-of-speech tagging: a greedy averaged perceptron over word, affix and shape features and
//! the two tags before (Collins 2002; the design of Honnibal's "A good POS tagger in about 200
//! lines"), predicting each word's universal tag and Penn tag together as one class.

use crate::perceptron::{hash_str, mix, put_strings, FastMap, Frozen, Reader, Trainer};

/// Per-word hashes the features are made of.
struct Lex {
    lower: u64,
    suffix: [u64; 4],
    prefix: [u64; 2],
    shape: u64,
    /// Word class at 64, 256 and 1,024 classes (a marker when the word has none).
    class: [u64; 3],
}

/// Forms of "be", "have" and "get", the verbs that take a participle after them ("was
/// sentenced").
const AUX_FORMS: &[&str] = &[
    "be", "is", "was", "were", "are", "am", "been", "being", "'s", "’s", "'re", "’re", "has",
    "have", "had", "having", "'ve", "’ve", "'d", "’d", "get", "gets", "got", "gotten", "getting",
];

fn shape(w: &str) -> String {
    let mut out = String::new();
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if !out.ends_with(k) || out.chars().rev().take_while(|&x| x == k).count() < 2 {
            out.push(k);
        }
    }
    out
}

fn lex(w: &str) -> Lex {
    let lower = w.to_lowercase();
    // byte offsets of the chars, and the end
    let mut at: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
    let n = at.len();
    at.push(lower.len());
    let suf = |k: usize| -> u64 { mix(hash_str(&lower[at[n.saturating_sub(k)]..]), k as u64) };
    let pre = |k: usize| -> u64 { mix(hash_str(&lower[..at[k.min(n)]]), 10 + k as u64) };
    let cs = crate::clusters::shipped().of(&lower);
    let class = |k: usize| {
        cs.and_then(|c| c.get(k))
            .map_or(0xC1A5, |&c| mix(c as u64 + 1, k as u64))
    };
    let lower_h = hash_str(&lower);
    Lex {
        class: [class(0), class(1), class(2)],
        lower: lower_h,
        suffix: [suf(1), suf(2), suf(3), suf(4)],
        prefix: [pre(1), pre(2)],
        shape: hash_str(&shape(w)),
    }
}

const NONE: u64 = 0x51;

fn features(lx: &[Lex], i: usize, p1: u64, p2: u64, first: Option<&[usize]>, out: &mut Vec<u64>) {
    out.clear();
    let at =
        |j: isize| -> Option<&Lex> { (j >= 0 && (j as usize) < lx.len()).then(|| &lx[j as usize]) };
    let i = i as isize;
    let w = &lx[i as usize];
    let word = |j: isize| at(j).map_or(NONE, |l| l.lower);
    let suf3 = |j: isize| at(j).map_or(NONE, |l| l.suffix[2]);
    let mut f = |t: u64, v: u64| out.push(mix(mix(t, v), 0x7a));
    f(1, 0);
    f(2, w.lower);
    for (k, s) in w.suffix.iter().enumerate() {
        f(3 + k as u64, *s);
    }
    f(7, w.prefix[0]);
    f(8, w.prefix[1]);
    f(9, w.shape);
    f(10, p1);
    f(11, mix(p1, p2));
    f(12, mix(p1, w.lower));
    f(13, word(i - 1));
    f(14, suf3(i - 1));
    f(15, word(i - 2));
    f(16, word(i + 1));
    f(17, suf3(i + 1));
    f(18, word(i + 2));
    f(19, mix(word(i - 1), w.lower));
    f(20, mix(w.lower, word(i + 1)));
    f(21, at(i + 1).map_or(NONE, |l| l.shape));
    f(22, at(i - 1).map_or(NONE, |l| l.shape));
    f(23, mix(p1, w.suffix[2]));
    f(24, (i == 0) as u64);
    f(25, mix(w.shape, (i == 0) as u64));
    f(26, mix(p2, 77));
    f(27, mix(w.suffix[2], word(i + 1)));
    let class = |j: isize, k: usize| at(j).map_or(NONE, |l| l.class[k]);
    f(28, w.class[0]);
    f(29, w.class[1]);
    f(30, w.class[2]);
    f(31, class(i - 1, 1));
    f(32, class(i + 1, 1));
    f(33, class(i + 1, 2));
    f(34, class(i + 2, 1));
    f(35, mix(p1, w.class[1]));
    f(36, mix(w.class[2], class(i + 1, 1)));
    // the second pass sees what the first pass read to the right
    if let Some(first) = first {
        let r = |j: usize| first.get(j).map_or(NONE, |&c| c as u64 + 100);
        let i = i as usize;
        f(44, r(i));
        f(45, r(i + 1));
        f(46, mix(r(i + 1), r(i + 2)));
        f(47, mix(p1, r(i + 1)));
        f(48, mix(w.lower, r(i + 1)));
        f(49, mix(r(i), r(i + 1)));
        f(50, mix(w.suffix[2], r(i + 1)));
    }
}

/// Verbs of asking and saying (and fearing), which a headline or a body's statement writes in
/// the present ("Amnesty International calls on …", "fiancée calls verdict 'farce'", "Activist
/// fears arrest"), and whose third person the tagger may read as a plural noun.
pub const VERBS_OF_ASKING: &[&str] = &[
    "fear",
    "call",
    "urge",
    "demand",
    "appeal",
    "ask",
    "condemn",
    "welcome",
    "warn",
    "say",
    "denounce",
    "deplore",
    "reiterate",
    "renew",
    "request",
];

/// A trained tagger: a first pass left to right, and a second that also sees the first pass's
/// tags of the words to the right.
pub struct Tagger {
    /// Class → (UPOS, XPOS).
    pub tags: Vec<(String, String)>,
    /// Frequent words that always had one class.
    dict: FastMap<u64, u16>,
    passes: Vec<Frozen>,
}

/// One greedy pass of `weights` over a sentence.
fn run(
    weights: &Frozen,
    dict: &FastMap<u64, u16>,
    lx: &[Lex],
    first: Option<&[usize]>,
    fixed: &[Option<usize>],
) -> Vec<usize> {
    let mut out = Vec::with_capacity(lx.len());
    let mut feats = Vec::with_capacity(64);
    let mut scores = vec![0f32; weights.classes];
    let (mut p1, mut p2) = (NONE, NONE);
    for i in 0..lx.len() {
        let known = fixed.get(i).copied().flatten();
        let c = match known.or_else(|| dict.get(&lx[i].lower).map(|&c| c as usize)) {
            Some(c) => c,
            None => {
                features(lx, i, p1, p2, first, &mut feats);
                weights.score(&feats, &mut scores);
                argmax(&scores)
            }
        };
        p2 = p1;
        p1 = c as u64 + 100;
        out.push(c);
    }
    out
}

impl Tagger {
    /// Tag the words of one sentence: (UPOS, XPOS) each.
    pub fn tag(&self, words: &[&str]) -> Vec<(String, String)> {
        self.classes(words)
            .into_iter()
            .map(|c| self.tags[c].clone())
            .collect()
    }

    /// The class of each word.
    pub fn classes(&self, words: &[&str]) -> Vec<usize> {
        self.classes_given(words, &[])
    }

    /// The class of each word, where `fixed[i]`, when given, is word `i`'s class already known
    /// (a name the entity tagger found is a proper noun); the words around it are tagged knowing it.
    pub fn classes_given(&self, words: &[&str], fixed: &[Option<usize>]) -> Vec<usize> {
        let lx: Vec<Lex> = words.iter().map(|w| lex(w)).collect();
        let mut tags = self.passes(&lx, fixed);
        if let Some(again) = self.possessive(words, &lx, &tags, fixed) {
            tags = again;
        }
        self.finite_verb(words, &mut tags, fixed);
        tags
    }

    /// Every pass over a sentence's words, each seeing the one before, `fixed` as in
    /// [`Tagger::classes_given`].
    fn passes(&self, lx: &[Lex], fixed: &[Option<usize>]) -> Vec<usize> {
        let mut tags = run(&self.passes[0], &self.dict, lx, None, fixed);
        for w in &self.passes[1..] {
            tags = run(w, &self.dict, lx, Some(&tags), fixed);
        }
        tags
    }

    /// "'s" between a noun and a noun is the possessive, not "is" ("Chechen authorities accused
    /// of abducting blogger's relatives", which the tagger read as "blogger is relatives"): the
    /// words tagged again knowing it. Not after a pronoun ("it's", "he's"), nor before what
    /// "is" or "has" takes ("the man's been freed", "the situation's dire").
    fn possessive(
        &self,
        words: &[&str],
        lx: &[Lex],
        tags: &[usize],
        fixed: &[Option<usize>],
    ) -> Option<Vec<usize>> {
        const PRONOUNS: &[&str] = &[
            "he", "she", "it", "that", "what", "there", "here", "who", "where", "how", "let",
            "this", "which", "everyone", "one",
        ];
        let pos = self.class_of("PART", "POS")?;
        let is = |i: usize| matches!(words[i], "'s" | "’s") && self.tags[tags[i]].1 == "VBZ";
        let noun_after = |i: usize| {
            i + 1 < words.len()
                && matches!(
                    self.tags[tags[i + 1]].1.as_str(),
                    "NN" | "NNS" | "NNP" | "NNPS"
                )
        };
        let at: Vec<usize> = (1..words.len())
            .filter(|&i| {
                is(i)
                    && noun_after(i)
                    && !PRONOUNS.contains(&words[i - 1].to_lowercase().as_str())
                    && fixed.get(i).copied().flatten().is_none()
            })
            .collect();
        if at.is_empty() {
            return None;
        }
        let mut given = fixed.to_vec();
        given.resize(words.len(), None);
        for &i in &at {
            given[i] = Some(pos);
        }
        Some(self.passes(lx, &given))
    }

    /// A full sentence (one that ends with a stop) has a finite verb. When the tagger gave it
    /// none, the first participle that stands where a finite verb would, right after a noun or
    /// pronoun, with no "be", "have" or "get" before it and the start of a noun phrase after it
    /// ("On Monday, the court sentenced Musaeva to five years"), is the past tense its form also
    /// is; and a plural noun right after a noun and before an article is the present tense its
    /// form also is ("The network demands the release"). A headline, which ends with no stop,
    /// writes passives without "was" ("Two Men Sent Back"), so its participles stay as tagged;
    /// but it tells what was done in the present, without articles: there a plural noun right
    /// after a noun, that the tagger did not always see as a noun, and before a word that can
    /// start what the verb takes ("Court sentences eight to prison", "journalist appeals
    /// directly to Trump") is the present tense; before a noun, which may be the verb with the
    /// plural its subject ("Police raids target offices"), only a verb of asking or saying
    /// ("fiancée calls verdict 'farce'", [`VERBS_OF_ASKING`]).
    fn finite_verb(&self, words: &[&str], tags: &mut [usize], fixed: &[Option<usize>]) {
        let ends = words.last().is_some_and(|w| matches!(*w, "." | "!" | "?"));
        let finite = |c: usize| matches!(self.tags[c].1.as_str(), "VBD" | "VBZ" | "VBP" | "MD");
        // what a source is said to say after a comma ("A court on Monday sentenced X to seven
        // years, rights group Viasna said.") is a sentence of its own, with a finite verb
        let said = ends
            .then(|| words.iter().rposition(|w| *w == ","))
            .flatten()
            .filter(|&c| {
                let saying = |w: &&str| {
                    matches!(
                        w.to_lowercase().as_str(),
                        "said" | "says" | "told" | "reported" | "added" | "stated" | "wrote"
                    )
                };
                words[c..].iter().any(saying) && !tags[..c].iter().any(|&t| finite(t))
            });
        if said.is_none() && tags.iter().any(|&c| finite(c)) {
            return;
        }
        if !ends {
            self.headline_verb(words, tags, fixed);
            return;
        }
        let n = said.unwrap_or(words.len());
        let (Some(vbn), Some(vbd), Some(nns), Some(vbz)) = (
            self.class_of("VERB", "VBN"),
            self.class_of("VERB", "VBD"),
            self.class_of("NOUN", "NNS"),
            self.class_of("VERB", "VBZ"),
        ) else {
            return;
        };
        let upos = |i: usize| self.tags[tags[i]].0.as_str();
        let at = (1..n.saturating_sub(1)).find_map(|i| {
            let free = fixed.get(i).copied().flatten().is_none()
                && matches!(upos(i - 1), "NOUN" | "PROPN" | "PRON");
            // "the court sentenced him", "the network demands the release"
            if free
                && tags[i] == vbn
                && matches!(
                    upos(i + 1),
                    "DET" | "PRON" | "PROPN" | "NUM" | "NOUN" | "ADJ"
                )
                && !words[i.saturating_sub(4)..i]
                    .iter()
                    .any(|w| AUX_FORMS.contains(&w.to_lowercase().as_str()))
            {
                Some((i, vbd))
            } else if free && tags[i] == nns && upos(i + 1) == "DET" {
                Some((i, vbz))
            } else {
                None
            }
        });
        if let Some((i, c)) = at {
            tags[i] = c;
        }
    }

    /// The present tense of a headline with no finite verb (see [`Tagger::finite_verb`]).
    fn headline_verb(&self, words: &[&str], tags: &mut [usize], fixed: &[Option<usize>]) {
        let (Some(nns), Some(vbz)) = (self.class_of("NOUN", "NNS"), self.class_of("VERB", "VBZ"))
        else {
            return;
        };
        let upos = |c: usize| self.tags[c].0.as_str();
        let at = (1..words.len().saturating_sub(1)).find(|&i| {
            tags[i] == nns
                && fixed.get(i).copied().flatten().is_none()
                && !self.dict.contains_key(&lex(words[i]).lower)
                && words[i].chars().next().is_some_and(char::is_lowercase)
                && matches!(upos(tags[i - 1]), "NOUN" | "PROPN")
                && matches!(
                    upos(tags[i + 1]),
                    "DET" | "PRON" | "PROPN" | "NUM" | "NOUN" | "ADV"
                )
        });
        let Some(i) = at else { return };
        // before a noun, the headline's verb may be that noun instead, the plural its subject
        // ("Police raids target opposition offices", "Journalist deaths mount"): only a verb of
        // asking or saying is read so there ("Khashoggi's fiancée calls verdict 'farce'")
        let noun_next = upos(tags[i + 1]) == "NOUN";
        let asking = words[i]
            .to_lowercase()
            .strip_suffix('s')
            .is_some_and(|stem| VERBS_OF_ASKING.contains(&stem));
        if !noun_next || asking {
            tags[i] = vbz;
        }
    }

    /// The class of a (UPOS, XPOS) pair.
    pub fn class_of(&self, upos: &str, xpos: &str) -> Option<usize> {
        self.tags.iter().position(|(u, x)| u == upos && x == xpos)
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        let tags: Vec<String> = self.tags.iter().map(|(u, x)| format!("{u} {x}")).collect();
        put_strings(out, &tags);
        let mut dict: Vec<(&u64, &u16)> = self.dict.iter().collect();
        dict.sort();
        out.extend((dict.len() as u32).to_le_bytes());
        for (k, v) in dict {
            out.extend(k.to_le_bytes());
            out.extend(v.to_le_bytes());
        }
        out.push(self.passes.len() as u8);
        for w in &self.passes {
            w.write(out);
        }
    }

    pub fn read(r: &mut Reader) -> Result<Tagger, String> {
        let tags = r
            .strings()?
            .into_iter()
            .map(|t| {
                let (u, x) = t.split_once(' ').ok_or("tag without a space")?;
                Ok((u.to_string(), x.to_string()))
            })
            .collect::<Result<Vec<_>, String>>()?;
        let n = r.u32()?;
        let mut dict = FastMap::default();
        for _ in 0..n {
            let k = r.u64()?;
            let v = r.u16()?;
            if v as usize >= tags.len() {
                return Err("tag dictionary names a tag the model lacks".into());
            }
            dict.insert(k, v);
        }
        let n = r.take(1)?[0];
        if n == 0 {
            return Err("a tagger with no pass".into());
        }
        let mut passes = Vec::new();
        for _ in 0..n {
            let w = Frozen::read(r)?;
            if w.classes != tags.len() {
                return Err("tagger weights do not match its tags".into());
            }
            passes.push(w);
        }
        Ok(Tagger { tags, dict, passes })
    }
}

pub(crate) fn argmax(s: &[f32]) -> usize {
    let mut best = 0;
    for (i, &x) in s.iter().enumerate() {
        if x > s[best] {
            best = i;
        }
    }
    best
}

/// Training sentences: words with their (UPOS, XPOS).
pub type Tagged = Vec<(String, (String, String))>;

/// A deterministic shuffle (xorshift), so that training is reproducible.
pub(crate) fn shuffle<T>(v: &mut [T], seed: &mut u64) {
    for i in (1..v.len()).rev() {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        let j = (*seed % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
}

/// Train a two-pass tagger, each pass for `epochs` passes over `data`, keeping weights of
/// magnitude `min_abs` or more.
pub fn train(data: &[Tagged], epochs: usize, min_abs: f32) -> Tagger {
    let mut tags: Vec<(String, String)> = data
        .iter()
        .flatten()
        .map(|(_, t)| t.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    tags.sort();
    let class_of: std::collections::HashMap<&(String, String), usize> =
        tags.iter().enumerate().map(|(i, t)| (t, i)).collect();
    // the tag dictionary: frequent, unambiguous words
    let mut counts: std::collections::HashMap<u64, std::collections::HashMap<usize, u32>> =
        Default::default();
    for s in data {
        for (w, t) in s {
            *counts
                .entry(hash_str(&w.to_lowercase()))
                .or_default()
                .entry(class_of[t])
                .or_default() += 1;
        }
    }
    let mut dict = FastMap::default();
    for (w, cs) in &counts {
        let total: u32 = cs.values().sum();
        let (&c, &best) = cs
            .iter()
            .max_by_key(|(c, n)| (**n, usize::MAX - **c))
            .expect("seen");
        if total >= 20 && best as f32 / total as f32 >= 0.995 {
            dict.insert(*w, c as u16);
        }
    }
    let class_of = |t: &(String, String)| class_of[t];
    let pass = |data: &[Tagged], first: Option<&[Vec<usize>]>| {
        train_pass(data, epochs, tags.len(), &dict, &class_of, first, min_abs)
    };
    let one = pass(data, None);
    // the first pass's tags on the training text, each third tagged by a pass trained on the rest
    const FOLDS: usize = 3;
    let held: Vec<Vec<(usize, Vec<usize>)>> = std::thread::scope(|sc| {
        let hs: Vec<_> = (0..FOLDS)
            .map(|f| {
                let pass = &pass;
                let dict = &dict;
                sc.spawn(move || {
                    let rest: Vec<Tagged> = data
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| i % FOLDS != f)
                        .map(|(_, s)| s.clone())
                        .collect();
                    let w = pass(&rest, None);
                    data.iter()
                        .enumerate()
                        .filter(|(i, _)| i % FOLDS == f)
                        .map(|(i, s)| {
                            let lx: Vec<Lex> = s.iter().map(|(w, _)| lex(w)).collect();
                            (i, run(&w, dict, &lx, None, &[]))
                        })
                        .collect()
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().expect("fold")).collect()
    });
    let mut first = vec![Vec::new(); data.len()];
    for (i, t) in held.into_iter().flatten() {
        first[i] = t;
    }
    let two = pass(data, Some(&first));
    Tagger {
        tags,
        dict,
        passes: vec![one, two],
    }
}

fn train_pass(
    data: &[Tagged],
    epochs: usize,
    classes: usize,
    dict: &FastMap<u64, u16>,
    class_of: &dyn Fn(&(String, String)) -> usize,
    first: Option<&[Vec<usize>]>,
    min_abs: f32,
) -> Frozen {
    let mut t = Trainer::new(classes);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut seed = 0x2545_F491_4F6C_DD1D_u64;
    let mut feats = Vec::new();
    let mut scores = vec![0f32; classes];
    for _ in 0..epochs {
        shuffle(&mut order, &mut seed);
        for &k in &order {
            let s = &data[k];
            let lx: Vec<Lex> = s.iter().map(|(w, _)| lex(w)).collect();
            let right = first.map(|f| f[k].as_slice());
            let (mut p1, mut p2) = (NONE, NONE);
            for i in 0..s.len() {
                let gold = class_of(&s[i].1);
                let c = match dict.get(&lx[i].lower) {
                    Some(&c) => c as usize,
                    None => {
                        features(&lx, i, p1, p2, right, &mut feats);
                        t.score(&feats, &mut scores);
                        let p = argmax(&scores);
                        t.update(&feats, gold, p);
                        t.tick();
                        p
                    }
                };
                p2 = p1;
                p1 = c as u64 + 100;
            }
        }
    }
    t.freeze(min_abs)
}

#[cfg(test)]
mod tests {
    /// The Penn tag the shipped tagger gives `word` in the sentence `words`.
    fn xpos(words: &str, word: &str) -> String {
        let forms: Vec<&str> = words.split(' ').collect();
        let i = forms.iter().position(|w| *w == word).expect("word");
        crate::shipped().analyze(&forms)[i].xpos.clone()
    }

    #[test]
    fn a_full_sentence_has_a_finite_verb() {
        for (s, w, want) in [
            (
                "On Monday , the court sentenced Musaeva to five years .",
                "sentenced",
                "VBD",
            ),
            (
                "In 2023 , the ministry imposed sanctions on them .",
                "imposed",
                "VBD",
            ),
            // a participle after "was", or beside a finite verb, stays one
            ("Musaeva was sentenced to five years .", "sentenced", "VBN"),
            // a verb with the state it left its object in
            (
                "Kenyan police shot dead two protesters in Kisumu on Tuesday .",
                "shot",
                "VBD",
            ),
            ("Police shot dead Brian Otieno in Kisumu .", "shot", "VBD"),
            // what a source is said to say has its own finite verb
            (
                "A court in Minsk on Monday sentenced Ales Sidarau to seven years , rights group Viasna said .",
                "sentenced",
                "VBD",
            ),
            (
                "The men detained in January were released , the group said .",
                "detained",
                "VBN",
            ),
            ("He was shot dead in Kisumu .", "shot", "VBN"),
            (
                "The men detained in January were released .",
                "detained",
                "VBN",
            ),
            // "'s" between nouns is the possessive
            (
                "Chechen authorities accused of abducting blogger 's relatives",
                "'s",
                "POS",
            ),
            ("It 's time to act .", "'s", "VBZ"),
            // a headline tells in the present, without articles
            ("Saudi court sentences eight to prison", "sentences", "VBZ"),
            (
                "Khashoggi 's fiancée calls verdict ' farce '",
                "calls",
                "VBZ",
            ),
            ("Activist fears arrest after returning home", "fears", "VBZ"),
            (
                "Fiancée of missing Saudi journalist appeals directly to Trump for help",
                "appeals",
                "VBZ",
            ),
            // but its nouns stay nouns, and its passives passives
            ("Mass arrests in Chechnya", "arrests", "NNS"),
            ("Police arrests rise in Chechnya", "arrests", "NNS"),
            ("Two Men Sent Back to Chechnya", "Sent", "VBN"),
            // nor a plural before the headline's own verb
            ("Police raids target opposition offices", "raids", "NNS"),
            ("Journalist deaths mount as war drags on", "deaths", "NNS"),
        ] {
            assert_eq!(xpos(s, w), want, "{w} in {s}");
        }
    }
}
