//! The annotator measured on real annotated data (../shared/data).

mod common;

use common::*;

#[test]
fn eval_ner_on_conll_dev_reaches_090() {
    let testa = shared().join("data/conll2003/eng.testa");
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.tsv");
    let o = run(casefile()
        .arg("eval-ner")
        .arg(&testa)
        .arg("--predict")
        .arg(&pred));
    assert!(o.status.success(), "{}", stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    println!("{stdout}");
    let last: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    let f1 = last["f1"].as_f64().unwrap();
    assert!(f1 >= 0.90, "F1 {f1} on eng.testa");
    for t in ["PER", "ORG", "LOC", "MISC"] {
        assert!(last["per_type"][t]["f1"].as_f64().unwrap() > 0.8, "{t}");
    }
    // --predict: token, gold, predicted, aligned with the input
    let input: Vec<String> = std::fs::read_to_string(&testa)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect();
    let lines: Vec<String> = std::fs::read_to_string(&pred)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    assert_eq!(input.len(), lines.len());
    for (i, l) in input.iter().zip(&lines) {
        let f: Vec<&str> = l.split('\t').collect();
        assert_eq!(f.len(), 3);
        assert_eq!(f[0], i);
    }
}

#[test]
fn eval_ner_reads_iob1_and_other_type_names() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("x.conll");
    std::fs::write(
        &f,
        "-DOCSTART- O\n\nPeter I-PERSON\nBlackburn I-PERSON\nvisited O\nBrussels I-GPE\n.\tO\n",
    )
    .unwrap();
    let o = run(casefile().arg("eval-ner").arg(&f));
    assert!(o.status.success(), "{}", stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    let last: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    // other type names are scored as they are: the tagger's PER/LOC do not match PERSON/GPE
    assert!(last["per_type"]["PERSON"]["recall"].as_f64().unwrap() == 0.0);
    assert!(stdout.contains("processed 5 tokens in 1 sentences"));
}

#[test]
fn eval_timex_on_timebank_reaches_080_value_accuracy() {
    let o = run(casefile()
        .arg("eval-timex")
        .arg(shared().join("data/timebank")));
    assert!(o.status.success(), "{}", stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    println!("{stdout}");
    let last: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    assert!(last["value_accuracy"].as_f64().unwrap() >= 0.80, "{last}");
    assert!(last["f1"].as_f64().unwrap() >= 0.75, "{last}");
    assert!(
        last["gold"].as_u64().unwrap() > 1000,
        "all TimeBank documents read"
    );
}
