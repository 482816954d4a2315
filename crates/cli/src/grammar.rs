//! Commands for the grammar model: train-parse, eval-parse, parse.

use std::path::Path;
use std::process::ExitCode;

use casefile_annotate::{grammar, text};
use casefile_syntax::{conllu, train, Analyzer, Sentence};
use serde_json::json;

use crate::UserError;

fn read(path: &Path) -> Result<String, UserError> {
    std::fs::read_to_string(path)
        .map_err(|e| UserError(format!("{}: cannot read: {e}", path.display())))
}

fn treebank(path: &Path) -> Result<Vec<Sentence>, UserError> {
    let s = conllu::read(&read(path)?)
        .map_err(|e| UserError(format!("{}: not CoNLL-U: {e}", path.display())))?;
    if s.is_empty() {
        return Err(UserError(format!("{}: no sentences", path.display())));
    }
    Ok(s)
}

/// The model in `path` (kept for the life of the command), or the shipped one.
fn model(path: Option<&Path>) -> Result<&'static Analyzer, UserError> {
    match path {
        None => Ok(casefile_syntax::shipped()),
        Some(p) => {
            let b = std::fs::read(p)
                .map_err(|e| UserError(format!("{}: cannot read: {e}", p.display())))?;
            let m =
                Analyzer::from_bytes(&b).map_err(|e| UserError(format!("{}: {e}", p.display())))?;
            Ok(Box::leak(Box::new(m)))
        }
    }
}

pub fn train_parse(
    train_file: &Path,
    out: &Path,
    opts: train::Options,
    prune: f32,
) -> Result<ExitCode, UserError> {
    let data = treebank(train_file)?;
    let started = std::time::Instant::now();
    let trained = train::train(&data, opts, |m| {
        eprintln!(
            "train-parse: {:>4.0} s  {m}",
            started.elapsed().as_secs_f64()
        )
    });
    let bytes = trained.freeze(prune).to_bytes();
    std::fs::write(out, &bytes)
        .map_err(|e| UserError(format!("{}: cannot write: {e}", out.display())))?;
    println!(
        "train-parse: model written to {} ({:.1} MB) in {:.0} s",
        out.display(),
        bytes.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn eval_parse(
    file: &Path,
    model_path: Option<&Path>,
    predict: Option<&Path>,
) -> Result<ExitCode, UserError> {
    let gold = treebank(file)?;
    let m = model(model_path)?;
    let (s, predicted) = train::evaluate(m, &gold);
    if let Some(out) = predict {
        std::fs::write(out, conllu::write(&predicted))
            .map_err(|e| UserError(format!("{}: cannot write: {e}", out.display())))?;
    }
    println!("words     {}", s.words);
    println!("UPOS      {:.4}", s.upos);
    println!("XPOS      {:.4}", s.xpos);
    println!("lemma     {:.4}", s.lemma);
    println!("UAS       {:.4}", s.uas);
    println!("LAS       {:.4}", s.las);
    println!(
        "speed     {:.0} words/s (tag, lemmatise and parse, one core)",
        s.words_per_second
    );
    println!(
        "{}",
        json!({"upos": s.upos, "xpos": s.xpos, "lemma": s.lemma, "uas": s.uas, "las": s.las,
               "words": s.words, "words_per_second": s.words_per_second.round()})
    );
    Ok(ExitCode::SUCCESS)
}

/// `casefile acts FILE`: each telling of an act the report gives, as annotate reads it.
pub fn acts(file: &Path) -> Result<ExitCode, UserError> {
    let bytes = casefile_ingest::read_bytes(file)
        .map_err(|e| UserError(format!("{}: {e}", file.display())))?;
    let doc = casefile_ingest::ingest(&file.to_string_lossy(), &bytes)
        .map_err(|e| UserError(format!("{}: {e}", file.display())))?;
    let ann = casefile_annotate::annotate(&doc);
    let mention = |m: usize| ann.mentions[m].text.as_str();
    for em in &ann.events {
        let time = em.time.map(|t| {
            let tx = &ann.timexes[t];
            let value = tx
                .value
                .as_ref()
                .map(|v| v.value.clone())
                .or_else(|| tx.partial.clone())
                .unwrap_or_else(|| "unresolved".into());
            let how = match (em.time_from_context, em.time_reported) {
                (true, _) => ", from the sentences before",
                (_, true) => ", when reported",
                _ => "",
            };
            format!("“{}” {value}{how}", tx.text)
        });
        let who: Vec<String> = em
            .participants
            .iter()
            .map(|p| {
                let why = p.relation.as_deref().unwrap_or("no tie in the grammar");
                format!("{} {} ({why})", p.role, mention(p.mention))
            })
            .collect();
        // the sentence it is told in, its first words
        let sentence: String = em
            .sentence
            .text(&doc.text)
            .split_whitespace()
            .take(14)
            .collect::<Vec<_>>()
            .join(" ");
        println!(
            "{}\t{}\t“{}”\ttime: {}\tplace: {}\t{}\tin: {sentence} …",
            em.kind,
            em.modality,
            em.trigger.text(&doc.text),
            time.unwrap_or_else(|| "none".into()),
            em.place.map(mention).unwrap_or("none"),
            who.join("; ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn parse(file: &Path, model_path: Option<&Path>) -> Result<ExitCode, UserError> {
    let bytes = casefile_ingest::read_bytes(file)
        .map_err(|e| UserError(format!("{}: {e}", file.display())))?;
    let doc = casefile_ingest::ingest(&file.to_string_lossy(), &bytes)
        .map_err(|e| UserError(format!("{}: {e}", file.display())))?;
    let m = model(model_path)?;
    let sentences: Vec<Sentence> = text::sentences(&doc.text)
        .into_iter()
        .map(|(a, b)| Sentence {
            text: Some(doc.text[a..b].to_string()),
            words: grammar::parse_with(m, &doc.text, a, b)
                .words
                .into_iter()
                .map(|p| p.word)
                .collect(),
        })
        .filter(|s| !s.words.is_empty())
        .collect();
    print!("{}", conllu::write(&sentences));
    Ok(ExitCode::SUCCESS)
}
