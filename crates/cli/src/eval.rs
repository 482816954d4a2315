//! Training and evaluation commands for the annotator: train-ner, eval-ner.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use casefile_annotate::ner::{self, conll};
use serde_json::json;

use crate::UserError;

fn read(path: &Path) -> Result<String, UserError> {
    std::fs::read_to_string(path)
        .map_err(|e| UserError(format!("{}: cannot read: {e}", path.display())))
}

pub fn train_ner(
    train: &Path,
    dev: &Path,
    out: &Path,
    epochs: usize,
) -> Result<ExitCode, UserError> {
    let tr = conll::parse(&read(train)?);
    let dv = conll::parse(&read(dev)?);
    if tr.is_empty() {
        return Err(UserError(format!("{}: no sentences", train.display())));
    }
    let (model, report) =
        ner::train_stacked(&tr, &dv, epochs, &mut |m| eprintln!("train-ner: {m}"));
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes)
        .map_err(|e| UserError(format!("{}: cannot write: {e}", out.display())))?;
    println!(
        "train-ner: best epoch {} (dev F1 {:.4}); model written to {} ({:.1} MB)",
        report.best_epoch,
        report.best_f1,
        out.display(),
        bytes.len() as f64 / 1e6
    );
    Ok(ExitCode::SUCCESS)
}

/// The words of a file: CoNLL (token first on a line) or CoNLL-U (the form, second column of
/// word lines), one sentence a blank-line-separated block.
fn token_sentences(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') || line.starts_with("-DOCSTART-") {
            continue;
        }
        let cols: Vec<&str> = line.split(['\t', ' ']).collect();
        let conllu = line.contains('\t') && cols.len() >= 10;
        if conllu {
            // word lines only: "1", not "1-2" (a multiword token) or "1.1" (an empty node)
            if cols[0].chars().all(|c| c.is_ascii_digit()) {
                cur.push(cols[1].to_string());
            }
        } else if let Some(w) = cols.first() {
            cur.push(w.to_string());
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Learn word classes from the text of CoNLL and CoNLL-U files and write the table.
pub fn train_clusters(files: &[std::path::PathBuf], out: &Path) -> Result<ExitCode, UserError> {
    let mut sentences = Vec::new();
    for f in files {
        sentences.extend(token_sentences(&read(f)?));
    }
    if sentences.is_empty() {
        return Err(UserError("no sentences in the files given".into()));
    }
    let words: usize = sentences.iter().map(Vec::len).sum();
    eprintln!(
        "train-clusters: {} sentences, {words} words",
        sentences.len()
    );
    let c = ner::clusters::train(&sentences, &[64, 256, 1024], 2, 12, &mut |m| {
        eprintln!("train-clusters: {m}")
    });
    std::fs::write(out, c.to_tsv())
        .map_err(|e| UserError(format!("{}: cannot write: {e}", out.display())))?;
    println!(
        "train-clusters: {} words in classes written to {}",
        c.len(),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn eval_ner(file: &Path, predict: Option<&Path>, errors: bool) -> Result<ExitCode, UserError> {
    let sents = conll::parse(&read(file)?);
    if sents.is_empty() {
        return Err(UserError(format!(
            "{}: no sentences (expected one token per line, tag last)",
            file.display()
        )));
    }
    let pred = ner::tag_conll(ner::shipped(), &sents);
    let gold: Vec<Vec<String>> = sents.iter().map(|s| s.tags.clone()).collect();
    if let Some(p) = predict {
        let mut out = String::new();
        for ((s, g), pr) in sents.iter().zip(&gold).zip(&pred) {
            for ((t, g), p) in s.tokens.iter().zip(g).zip(pr) {
                let _ = writeln!(out, "{t}\t{g}\t{p}");
            }
            out.push('\n');
        }
        std::fs::write(p, out)
            .map_err(|e| UserError(format!("{}: cannot write: {e}", p.display())))?;
    }
    if errors {
        print_ner_errors(&sents, &gold, &pred);
    }
    // gold types that the model does not know are scored as they are (they will be missed)
    let (all, per) = conll::score(&gold, &pred);
    let tokens: usize = sents.iter().map(|s| s.tokens.len()).sum();
    println!(
        "processed {tokens} tokens in {} sentences; found: {} entities; correct: {}.",
        sents.len(),
        all.tp + all.fp,
        all.tp
    );
    println!(
        "{:>10} {:>10} {:>10} {:>10} {:>8}",
        "type", "precision", "recall", "F1", "gold"
    );
    for (t, p) in &per {
        println!(
            "{:>10} {:>10.2} {:>10.2} {:>10.2} {:>8}",
            t,
            100.0 * p.precision(),
            100.0 * p.recall(),
            100.0 * p.f1(),
            p.tp + p.fn_
        );
    }
    println!(
        "{:>10} {:>10.2} {:>10.2} {:>10.2} {:>8}",
        "overall",
        100.0 * all.precision(),
        100.0 * all.recall(),
        100.0 * all.f1(),
        all.tp + all.fn_
    );
    let per_type: serde_json::Map<String, serde_json::Value> = per
        .iter()
        .map(|(t, p)| (t.clone(), json!({"precision": round(p.precision()), "recall": round(p.recall()), "f1": round(p.f1())})))
        .collect();
    println!(
        "{}",
        json!({"f1": round(all.f1()), "precision": round(all.precision()), "recall": round(all.recall()), "per_type": per_type})
    );
    Ok(ExitCode::SUCCESS)
}

/// Each entity the tagger got wrong: missed, spurious, or of the wrong type, with its text,
/// the gold and predicted types and the sentence around it.
fn print_ner_errors(sents: &[conll::Sentence], gold: &[Vec<String>], pred: &[Vec<String>]) {
    for ((s, g), p) in sents.iter().zip(gold).zip(pred) {
        let (gs, ps) = (conll::spans(g), conll::spans(p));
        let words = |a: usize, b: usize| s.tokens[a..b].join(" ");
        let sentence = || s.tokens.join(" ");
        for (a, b, t) in &gs {
            match ps.iter().find(|(pa, pb, _)| pa == a && pb == b) {
                Some((_, _, pt)) if pt == t => {}
                Some((_, _, pt)) => {
                    println!(
                        "type\t{}\tgold {t}\tgot {pt}\t{}",
                        words(*a, *b),
                        sentence()
                    )
                }
                None => println!("missed\t{}\tgold {t}\tgot -\t{}", words(*a, *b), sentence()),
            }
        }
        for (a, b, t) in &ps {
            if !gs.iter().any(|(ga, gb, _)| ga == a && gb == b) {
                println!(
                    "spurious\t{}\tgold -\tgot {t}\t{}",
                    words(*a, *b),
                    sentence()
                );
            }
        }
    }
}

fn round(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

pub fn eval_timex(dir: &Path, errors: bool) -> Result<ExitCode, UserError> {
    use casefile_annotate::timeml;
    let docs = timeml::read_dir(dir).map_err(UserError)?;
    if docs.is_empty() {
        return Err(UserError(format!("{}: no .tml files", dir.display())));
    }
    let mut total = timeml::TimexScore::default();
    for d in &docs {
        let (s, errs) = timeml::score_doc(d);
        total.gold += s.gold;
        total.predicted += s.predicted;
        total.matched_gold += s.matched_gold;
        total.matched_pred += s.matched_pred;
        total.value_correct += s.value_correct;
        if errors {
            for e in &errs {
                let kind = match e.kind {
                    timeml::TimexErrorKind::Missed => "missed",
                    timeml::TimexErrorKind::Spurious => "spurious",
                    timeml::TimexErrorKind::Value => "value",
                };
                println!(
                    "{kind}\t{}\t{}\tgold {}\tgot {}\t{}",
                    d.name,
                    e.text,
                    e.gold.as_deref().unwrap_or("-"),
                    e.predicted.as_deref().unwrap_or("-"),
                    e.context
                );
            }
        }
    }
    println!(
        "{} documents, {} gold expressions, {} found, {} gold matched (overlap)",
        docs.len(),
        total.gold,
        total.predicted,
        total.matched_gold
    );
    println!(
        "extraction  precision {:.4}  recall {:.4}  F1 {:.4}",
        total.precision(),
        total.recall(),
        total.f1()
    );
    println!(
        "value accuracy (over matched) {:.4}",
        total.value_accuracy()
    );
    println!(
        "{}",
        json!({
            "f1": round(total.f1()),
            "precision": round(total.precision()),
            "recall": round(total.recall()),
            "value_accuracy": round(total.value_accuracy()),
            "gold": total.gold,
            "predicted": total.predicted,
            "matched": total.matched_gold,
        })
    );
    Ok(ExitCode::SUCCESS)
}
