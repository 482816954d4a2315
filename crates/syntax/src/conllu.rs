//! CoNLL-U, the Universal Dependencies file format: reading treebanks, writing what was parsed.
//!
//! Only syntactic words are read: multiword-token lines (`3-4`) and empty nodes (`8.1`) are
//! skipped, as the CoNLL 2018 shared task scores words.

/// One syntactic word.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    /// Universal part of speech (`NOUN`, `VERB`, ...).
    pub upos: String,
    /// Penn Treebank tag (`NN`, `VBD`, ...).
    pub xpos: String,
    /// Head word, 1-based; 0 is the root.
    pub head: usize,
    /// Universal Dependencies relation, with its subtype (`nsubj:pass`).
    pub deprel: String,
}

/// A sentence of words, with its text if the file gave it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    pub text: Option<String>,
    pub words: Vec<Word>,
}

/// A line the reader could not use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    pub line: usize,
    pub why: String,
}

impl std::fmt::Display for BadLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.why)
    }
}

/// Read every sentence of a CoNLL-U text.
pub fn read(text: &str) -> Result<Vec<Sentence>, BadLine> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            cur.text = None;
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            if let Some(t) = c.trim_start().strip_prefix("text = ") {
                cur.text = Some(t.to_string());
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let bad = |why: String| BadLine { line: n + 1, why };
        if cols.len() != 10 {
            return Err(bad(format!("{} columns, CoNLL-U has 10", cols.len())));
        }
        if cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let id: usize = cols[0]
            .parse()
            .map_err(|_| bad(format!("word id {:?} is not a number", cols[0])))?;
        if id != cur.words.len() + 1 {
            return Err(bad(format!("word id {id} out of order")));
        }
        let head = if cols[6] == "_" {
            0
        } else {
            cols[6]
                .parse()
                .map_err(|_| bad(format!("head {:?} is not a number", cols[6])))?
        };
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head,
            deprel: cols[7].to_string(),
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    for (i, s) in out.iter().enumerate() {
        if let Some(w) = s.words.iter().find(|w| w.head > s.words.len()) {
            return Err(BadLine {
                line: 0,
                why: format!("sentence {}: head {} beyond its words", i + 1, w.head),
            });
        }
    }
    Ok(out)
}

/// Write sentences as CoNLL-U (the features and enhanced-graph columns left empty).
pub fn write(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for (i, s) in sentences.iter().enumerate() {
        out.push_str(&format!("# sent_id = {}\n", i + 1));
        if let Some(t) = &s.text {
            out.push_str(&format!("# text = {}\n", t.replace('\n', " ")));
        }
        for (j, w) in s.words.iter().enumerate() {
            let col = |s: &str| {
                if s.is_empty() {
                    "_".to_string()
                } else {
                    s.replace(['\t', '\n'], " ")
                }
            };
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t_\n",
                j + 1,
                col(&w.form),
                col(&w.lemma),
                col(&w.upos),
                col(&w.xpos),
                w.head,
                col(&w.deprel)
            ));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = "# text = He left.\n1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n\
        2-3\tleft.\t_\t_\t_\t_\t_\t_\t_\t_\n2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_\n\
        3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n";

    #[test]
    fn reads_words_and_skips_ranges() {
        let s = read(TWO).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].words.len(), 3);
        assert_eq!(s[0].words[1].lemma, "leave");
        assert_eq!(s[0].words[0].head, 2);
        assert_eq!(s[0].text.as_deref(), Some("He left."));
    }

    #[test]
    fn round_trips() {
        let s = read(TWO).unwrap();
        assert_eq!(read(&write(&s)).unwrap(), s);
    }

    #[test]
    fn names_bad_lines() {
        assert_eq!(read("1\tx\n").unwrap_err().line, 1);
        assert!(read("1\ta\ta\tX\tX\t_\t9\tdep\t_\t_\n").is_err());
        assert!(read("2\ta\ta\tX\tX\t_\t0\troot\t_\t_\n").is_err());
    }
}
