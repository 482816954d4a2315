//! Lemmas: the dictionary form of a word given its Penn tag ("was"/VBD → "be", "arrested"/VBN →
//! "arrest"). Learned from the treebank as suffix rules per tag ("-ied" → "-y" for VBD), with the
//! words the rules get wrong kept as exceptions.

use std::collections::HashMap;

use crate::perceptron::{put_strings, Reader};

/// How to turn a form into its lemma.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Edit {
    lower: bool,
    strip: u8,
    append: String,
}

impl Edit {
    fn of(form: &str, lemma: &str) -> Edit {
        let lowered = form.to_lowercase();
        let (base, lower) = if lemma.starts_with(&lowered[..common(&lowered, lemma)])
            && common(&lowered, lemma) > common(form, lemma)
        {
            (lowered.as_str(), true)
        } else {
            (form, false)
        };
        let k = common(base, lemma);
        Edit {
            lower,
            strip: base[k..].chars().count().min(255) as u8,
            append: lemma[k..].to_string(),
        }
    }

    fn apply(&self, form: &str) -> Option<String> {
        let base = if self.lower {
            form.to_lowercase()
        } else {
            form.to_string()
        };
        let n = base.chars().count();
        if (self.strip as usize) > n || (self.strip as usize == n && self.append.is_empty()) {
            return None;
        }
        let cut: String = base.chars().take(n - self.strip as usize).collect();
        Some(cut + &self.append)
    }

    fn encode(&self) -> String {
        format!(
            "{}{}{}",
            if self.lower { 'L' } else { 'K' },
            self.strip,
            ":"
        ) + &self.append
    }

    fn decode(s: &str) -> Option<Edit> {
        let lower = s.starts_with('L');
        let (n, rest) = s.get(1..)?.split_once(':')?;
        Some(Edit {
            lower,
            strip: n.parse().ok()?,
            append: rest.to_string(),
        })
    }
}

/// Bytes of the longest common prefix, on a char boundary.
fn common(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .take_while(|((_, x), y)| x == y)
        .last()
        .map_or(0, |((i, x), _)| i + x.len_utf8())
}

const MAX_SUFFIX: usize = 6;

/// A trained lemmatiser.
#[derive(Default)]
pub struct Lemmatizer {
    /// (tag, suffix) → edit.
    rules: HashMap<(String, String), Edit>,
    /// (form, tag) → lemma, where the rules are wrong.
    exceptions: HashMap<(String, String), String>,
}

impl Lemmatizer {
    /// The lemma of `form` tagged `xpos`.
    pub fn lemma(&self, form: &str, xpos: &str) -> String {
        for f in [form.to_string(), form.to_lowercase()] {
            if let Some(l) = self.exceptions.get(&(f, xpos.to_string())) {
                return l.clone();
            }
        }
        self.by_rule(form, xpos)
    }

    fn by_rule(&self, form: &str, xpos: &str) -> String {
        let lower = form.to_lowercase();
        let chars: Vec<char> = lower.chars().collect();
        for k in (0..=MAX_SUFFIX.min(chars.len())).rev() {
            let suf: String = chars[chars.len() - k..].iter().collect();
            if let Some(e) = self.rules.get(&(xpos.to_string(), suf)) {
                if let Some(l) = e.apply(form) {
                    return l;
                }
            }
        }
        form.to_string()
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        let mut rules: Vec<String> = self
            .rules
            .iter()
            .map(|((t, s), e)| format!("{t}\t{s}\t{}", e.encode()))
            .collect();
        rules.sort();
        put_strings(out, &rules);
        let mut ex: Vec<String> = self
            .exceptions
            .iter()
            .map(|((f, t), l)| format!("{f}\t{t}\t{l}"))
            .collect();
        ex.sort();
        put_strings(out, &ex);
    }

    pub fn read(r: &mut Reader) -> Result<Lemmatizer, String> {
        let mut lm = Lemmatizer::default();
        for line in r.strings()? {
            let mut c = line.splitn(3, '\t');
            let (Some(t), Some(s), Some(e)) = (c.next(), c.next(), c.next()) else {
                return Err("bad lemma rule".into());
            };
            let e = Edit::decode(e).ok_or("bad lemma edit")?;
            lm.rules.insert((t.to_string(), s.to_string()), e);
        }
        for line in r.strings()? {
            let mut c = line.splitn(3, '\t');
            let (Some(f), Some(t), Some(l)) = (c.next(), c.next(), c.next()) else {
                return Err("bad lemma exception".into());
            };
            lm.exceptions
                .insert((f.to_string(), t.to_string()), l.to_string());
        }
        Ok(lm)
    }
}

/// Learn from (form, xpos, lemma) triples.
pub fn train(words: &[(String, String, String)]) -> Lemmatizer {
    // count edits per (tag, suffix)
    let mut counts: HashMap<(String, String), HashMap<Edit, u32>> = HashMap::new();
    for (form, xpos, lemma) in words {
        if lemma == "_" || lemma.is_empty() {
            continue;
        }
        let e = Edit::of(form, lemma);
        let lower = form.to_lowercase();
        let chars: Vec<char> = lower.chars().collect();
        for k in 0..=MAX_SUFFIX.min(chars.len()) {
            let suf: String = chars[chars.len() - k..].iter().collect();
            *counts
                .entry((xpos.clone(), suf))
                .or_default()
                .entry(e.clone())
                .or_default() += 1;
        }
    }
    let mut lm = Lemmatizer::default();
    let mut keys: Vec<_> = counts.keys().cloned().collect();
    keys.sort();
    for key in keys {
        let cs = &counts[&key];
        let total: u32 = cs.values().sum();
        let (best, n) = cs
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .expect("counted");
        // a long suffix earns a rule only when it is seen more than once
        if key.1.chars().count() <= 1 || (total >= 2 && *n * 10 >= total * 6) {
            lm.rules.insert(key.clone(), best.clone());
        }
    }
    let mut seen: HashMap<(String, String), HashMap<String, u32>> = HashMap::new();
    for (form, xpos, lemma) in words {
        *seen
            .entry((form.clone(), xpos.clone()))
            .or_default()
            .entry(lemma.clone())
            .or_default() += 1;
    }
    for ((form, xpos), ls) in seen {
        let (l, _) = ls
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .expect("seen");
        if lm.by_rule(&form, &xpos) != *l {
            lm.exceptions.insert((form, xpos), l.clone());
        }
    }
    lm
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_round_trip_and_apply() {
        for (f, l) in [
            ("arrested", "arrest"),
            ("The", "the"),
            ("studies", "study"),
            ("Bush", "Bush"),
        ] {
            let e = Edit::of(f, l);
            assert_eq!(e.apply(f).as_deref(), Some(l), "{f}");
            assert_eq!(Edit::decode(&e.encode()), Some(e));
        }
    }

    #[test]
    fn rules_generalise_to_unseen_words() {
        let t = |f: &str, x: &str, l: &str| (f.to_string(), x.to_string(), l.to_string());
        let lm = train(&[
            t("tortured", "VBN", "torture"),
            t("arrested", "VBN", "arrest"),
            t("detained", "VBN", "detain"),
            t("killed", "VBN", "kill"),
            t("was", "VBD", "be"),
        ]);
        assert_eq!(lm.lemma("abducted", "VBN"), "abduct");
        assert_eq!(lm.lemma("Was", "VBD"), "be");
    }
}
