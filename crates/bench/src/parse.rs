//! `casefile-bench parse`: the grammar model's load time, and tagging plus parsing speed and
//! memory on one core, on the same text `annotate` uses.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use casefile_annotate::ner::conll;
use serde_json::json;

use crate::memory::peak_rss_mb;
use crate::UserError;

/// Tag and parse every sentence of a CoNLL file's text (tokenised as casefile tokenises reports)
/// until `words` words are done; optionally write the text (once) as report files into `docs`,
/// 50 sentences each, for a timed `casefile build`.
pub fn bench_parse(file: &Path, words: usize, docs: Option<&Path>) -> Result<ExitCode, UserError> {
    let text =
        std::fs::read_to_string(file).map_err(|e| UserError(format!("{}: {e}", file.display())))?;
    let sents: Vec<String> = conll::parse(&text)
        .iter()
        .map(|s| s.tokens.join(" "))
        .collect();
    if sents.is_empty() {
        return Err(UserError(format!("{}: no sentences", file.display())));
    }
    if let Some(dir) = docs {
        std::fs::create_dir_all(dir).map_err(|e| UserError(format!("{}: {e}", dir.display())))?;
        // the text once, so that no two reports are copies
        let mut n = 0usize;
        let mut k = 0usize;
        for c in sents.chunks(50) {
            let body = c.join("\n");
            n += body.split_whitespace().count();
            std::fs::write(dir.join(format!("report-{k:05}.txt")), body)
                .map_err(|e| UserError(format!("{}: {e}", dir.display())))?;
            k += 1;
        }
        eprintln!(
            "bench-parse: wrote {k} reports ({n} words) to {}",
            dir.display()
        );
    }
    let t = Instant::now();
    let model = casefile_syntax::shipped();
    let load = t.elapsed().as_secs_f64();
    let _ = model;
    let t = Instant::now();
    let mut done = 0usize;
    let mut arcs = 0usize;
    'outer: loop {
        for s in &sents {
            let tree = casefile_annotate::grammar::parse(s, 0, s.len());
            done += tree.words.len();
            arcs += tree.words.iter().filter(|w| w.word.head > 0).count();
            if done >= words {
                break 'outer;
            }
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let peak = peak_rss_mb();
    println!("model load: {:.0} ms", load * 1000.0);
    println!(
        "tag + lemmatise + parse: {done} words in {secs:.1} s = {:.0} words/s ({arcs} arcs), one core",
        done as f64 / secs
    );
    println!("peak memory: {:.0} MB", peak.unwrap_or(f64::NAN));
    println!(
        "{}",
        json!({
            "words": done,
            "parse_words_per_second": (done as f64 / secs).round(),
            "model_load_ms": (load * 1000.0).round(),
            "peak_rss_mb": peak.map(|p| p.round()),
            "threads": 1
        })
    );
    Ok(ExitCode::SUCCESS)
}
