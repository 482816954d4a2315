//! `casefile-bench annotate`: the annotator's speed and memory on CoNLL text.

use std::path::Path;
use std::process::ExitCode;

use casefile_annotate::ner::{self, conll};
use serde_json::json;

use crate::memory::peak_rss_mb;
use crate::UserError;

/// Annotate CoNLL text (as plain text, documents of 50 sentences) repeated to `words` words;
/// report words per second for the whole annotator and for the entity tagger alone, and the
/// peak memory.
pub fn bench_annotate(file: &Path, words: usize) -> Result<ExitCode, UserError> {
    use std::time::Instant;
    let text =
        std::fs::read_to_string(file).map_err(|e| UserError(format!("{}: {e}", file.display())))?;
    let sents = conll::parse(&text);
    if sents.is_empty() {
        return Err(UserError(format!("{}: no sentences", file.display())));
    }
    let per_pass: usize = sents.iter().map(|s| s.tokens.len()).sum();
    let passes = words.div_ceil(per_pass).max(1);
    let texts: Vec<String> = sents
        .chunks(50)
        .map(|c| {
            c.iter()
                .map(|s| s.tokens.join(" "))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    let docs: Vec<casefile_model::Document> = texts
        .iter()
        .enumerate()
        .filter_map(|(i, t)| casefile_ingest::ingest(&format!("bench-{i}.txt"), t.as_bytes()).ok())
        .collect();
    let total_words = per_pass * passes;
    eprintln!(
        "bench-annotate: {} documents × {passes} passes = {total_words} words",
        docs.len()
    );
    // the whole annotator
    let t = Instant::now();
    let mut mentions = 0usize;
    for _ in 0..passes {
        for d in &docs {
            mentions += casefile_annotate::annotate(d).mentions.len();
        }
    }
    let full = t.elapsed().as_secs_f64();
    // the tagger alone, on pre-split sentences (as spaCy's ner-only run)
    let model = ner::shipped();
    let t = Instant::now();
    let mut tags = 0usize;
    for _ in 0..passes {
        // both passes, on pseudo-documents of 40 sentences as the tagger is evaluated
        tags += ner::tag_conll(model, &sents)
            .iter()
            .map(Vec::len)
            .sum::<usize>();
    }
    let tagger = t.elapsed().as_secs_f64();
    let peak = peak_rss_mb();
    println!(
        "annotator: {total_words} words in {full:.1} s = {:.0} words/s ({mentions} mentions)",
        total_words as f64 / full
    );
    println!(
        "tagger alone: {tags} words in {tagger:.1} s = {:.0} words/s",
        tags as f64 / tagger
    );
    println!("peak memory: {:.0} MB", peak.unwrap_or(f64::NAN));
    println!(
        "{}",
        json!({
            "words": total_words,
            "annotator_words_per_second": (total_words as f64 / full).round(),
            "tagger_words_per_second": (tags as f64 / tagger).round(),
            "peak_rss_mb": peak.map(|p| p.round()),
            "threads": 1
        })
    );
    Ok(ExitCode::SUCCESS)
}
