//! `casefile-bench pile`: a pile of report files made from real text, for the scale benchmark
//! (bench/scale.sh). The sentences of the given CoNLL-2003 and CoNLL-U files are cut into reports
//! of 10 to 40 consecutive sentences, each starting at its own place, so that reports overlap and
//! share the names in them, as reports of one coalition's case do; one report in five is a wire
//! copy of an earlier one, made distinct by one added line, as reprints are. The same inputs and
//! the same count give the same pile, byte for byte.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use casefile_annotate::ner::conll;

use crate::UserError;

/// A small deterministic generator (SplitMix64), so the pile is the same on every machine.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Tokens written back as running text: no space before closing punctuation or a clitic,
/// none after an opening bracket.
fn detokenise(tokens: &[String]) -> String {
    let mut out = String::new();
    for t in tokens {
        let closing = matches!(
            t.as_str(),
            "," | "." | ":" | ";" | "?" | "!" | ")" | "]" | "%" | "'s" | "n't" | "'re" | "'ll"
        );
        if !out.is_empty() && !closing && !out.ends_with(['(', '[', '$']) {
            out.push(' ');
        }
        out.push_str(t);
    }
    out
}

/// The sentences of one file: a CoNLL-U file's `# text =` lines, or a CoNLL-2003 file's
/// tokens written back as text.
fn sentences(file: &Path) -> Result<Vec<String>, UserError> {
    let text =
        std::fs::read_to_string(file).map_err(|e| UserError(format!("{}: {e}", file.display())))?;
    let from_ud: Vec<String> = text
        .lines()
        .filter_map(|l| l.strip_prefix("# text = "))
        .map(str::to_string)
        .collect();
    if !from_ud.is_empty() {
        return Ok(from_ud);
    }
    Ok(conll::parse(&text)
        .iter()
        .map(|s| detokenise(&s.tokens))
        .filter(|s| !s.is_empty())
        .collect())
}

const OUTLETS: [&str; 6] = [
    "Associated Press",
    "Reuters",
    "Agence France-Presse",
    "Interfax",
    "Deutsche Welle",
    "Radio Free Europe",
];

/// Write `reports` report files into `out` (which must be empty or absent), starting their
/// names at `first` and drawing with `seed`; print what was written.
pub fn bench_pile(
    files: &[PathBuf],
    reports: usize,
    out: &Path,
    first: usize,
    seed: u64,
) -> Result<ExitCode, UserError> {
    let mut sents = Vec::new();
    for f in files {
        sents.extend(sentences(f)?);
    }
    if sents.len() < 20 {
        return Err(UserError(
            "fewer than 20 sentences in the given files".into(),
        ));
    }
    std::fs::create_dir_all(out).map_err(|e| UserError(format!("{}: {e}", out.display())))?;
    if std::fs::read_dir(out).is_ok_and(|mut d| d.next().is_some()) {
        return Err(UserError(format!("{}: not empty", out.display())));
    }
    let mut mix = Mix(seed);
    let mut bodies: Vec<String> = Vec::with_capacity(reports);
    let (mut words, mut copies) = (0usize, 0usize);
    for i in 0..reports {
        let body = if i % 5 == 4 {
            // a wire copy of an earlier report, one line added
            copies += 1;
            let j = mix.below(bodies.len());
            format!(
                "{}\n\nDistributed by {} (item {}).\n",
                bodies[j],
                OUTLETS[mix.below(OUTLETS.len())],
                first + i
            )
        } else {
            let start = mix.below(sents.len());
            let len = 10 + mix.below(31);
            let mut lines = Vec::with_capacity(len);
            for k in 0..len {
                lines.push(sents[(start + k) % sents.len()].as_str());
            }
            // paragraphs of three sentences
            lines
                .chunks(3)
                .map(|c| c.join(" "))
                .collect::<Vec<_>>()
                .join("\n\n")
        };
        words += body.split_whitespace().count();
        let path = out.join(format!("report-{:06}.txt", first + i));
        std::fs::write(&path, &body).map_err(|e| UserError(format!("{}: {e}", path.display())))?;
        bodies.push(body);
    }
    println!(
        "pile: {reports} reports ({copies} wire copies), {words} words, from {} sentences, in {}",
        sents.len(),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_written_back_as_text() {
        let t: Vec<String> = [
            "He", "said", "(", "twice", ")", "it", "was", "n't", "true", ".",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(detokenise(&t), "He said (twice) it wasn't true.");
    }

    #[test]
    fn the_generator_is_the_same_everywhere() {
        let mut a = Mix(7);
        let mut b = Mix(7);
        let xs: Vec<u64> = (0..5).map(|_| a.next()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs[0], xs[1]);
        assert!((0..1000).all(|_| a.below(13) < 13));
    }
}
